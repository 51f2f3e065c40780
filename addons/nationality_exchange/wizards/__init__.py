from . import nationality_dossier_forward_wizard
from . import nationality_letter_request_wizard
from . import nationality_letter_decision_wizard
from . import nationality_letter_edxml_import_wizard
from . import nationality_record_import_wizard
from . import nationality_record_search_wizard
from . import nationality_record_search_line
from . import nationality_lookup_person_import_wizard
