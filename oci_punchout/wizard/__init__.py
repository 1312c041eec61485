from . import oci_po_confirm_wizard
from . import oci_po_confirm_wizard_line
from . import oci_approval_reject_wizard
