from . import test_oci_login
from . import test_business_account
from . import test_po_intake
from . import test_business_orders
from . import test_business_http
from . import test_oci_http
from . import test_oci_queries
