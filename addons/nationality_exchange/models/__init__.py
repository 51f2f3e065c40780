from . import res_users
from . import nationality_letter
