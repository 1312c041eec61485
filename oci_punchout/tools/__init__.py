from . import oci_format
from . import cxml
