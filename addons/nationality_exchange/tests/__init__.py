from . import test_install
from . import test_letters
from . import test_edxml
from . import test_forwarding
from . import test_registry_search
from . import test_record_import
from . import test_lookup_request
from . import test_integrator_api
