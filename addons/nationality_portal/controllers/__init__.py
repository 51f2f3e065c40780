from . import main
from . import portal
from . import signup
from . import attachment
