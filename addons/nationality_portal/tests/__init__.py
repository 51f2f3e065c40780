from . import test_install
from . import test_portal_apply
from . import test_portal_access
from . import test_portal_supplement
from . import test_back_office
from . import test_tours
