from . import oci_punchout
from . import website_sale
from . import oci_po
