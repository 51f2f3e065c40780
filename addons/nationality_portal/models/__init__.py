from . import nationality_dossier
from . import nationality_dossier_document
from . import nationality_dossier_member
from . import nationality_rate_limit
from . import website
