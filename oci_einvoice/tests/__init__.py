from . import test_ubl_references
from . import test_invoice_grouping
from . import test_send_and_print
from . import test_ubl_validation
from . import test_stock_parity
from . import test_real_pdf
from . import test_oci_einvoice_i18n
from . import test_invoicing_fields
