from . import test_ubl_references
from . import test_invoice_grouping
from . import test_send_and_print
from . import test_ubl_validation
