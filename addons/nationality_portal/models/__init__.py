from . import nationality_dossier
from . import nationality_dossier_document
from . import nationality_dossier_member
from . import nationality_privacy_notice
from . import nationality_privacy_consent
from . import nationality_rate_limit
from . import ir_http
from . import website
