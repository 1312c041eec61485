from . import test_oci_login
