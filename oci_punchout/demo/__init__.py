# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import oci_demo
from . import oci_demo_history
from . import oci_demo_invoices
