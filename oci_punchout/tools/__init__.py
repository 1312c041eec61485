from . import oci_format
