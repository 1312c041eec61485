from . import oci_po_confirm_wizard
from . import oci_po_confirm_wizard_line
