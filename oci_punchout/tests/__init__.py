from . import test_oci_format
from . import test_oci_login
