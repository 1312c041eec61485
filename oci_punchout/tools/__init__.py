from . import oci_format
from . import cxml
from . import log_redact
