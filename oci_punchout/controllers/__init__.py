from . import oci_punchout
from . import website_sale
from . import portal
from . import oci_po
from . import cxml_punchout
from . import delivery
from . import website_sale_punchout
from . import business_spend
