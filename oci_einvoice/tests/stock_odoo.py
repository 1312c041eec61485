# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock Odoo's behaviour with oci_einvoice installed, for tests and benchmarks.

``stock_odoo(env)`` neutralises, for the duration of a ``with`` block, every
method oci_einvoice overrides on the given models: each override is patched
into a plain call of the next implementation in the MRO (Odoo's own code),
so the builders produce exactly stock Odoo's values. Our own helpers
(``_oci_*``) and the QWeb template extensions stay (the templates render
nothing without our values). Production code has no switch for this.
"""

import functools
import inspect
from contextlib import ExitStack, contextmanager
from unittest.mock import patch

ADDON_MODULE = "odoo.addons.oci_einvoice."

#: Odoo's e-invoice builders oci_einvoice extends.
BUILDER_MODELS = (
    "account.edi.xml.ubl_bis3",
    "account.edi.xml.ubl_nl",
    "account.edi.xml.ubl_de",
    "account.edi.xml.cii",
)
#: Sale order invoicing (values, grouping) oci_einvoice extends.
INVOICING_MODELS = ("sale.order", "sale.order.line")


def _passthrough(cls, name, method):
    @functools.wraps(method)
    def call_parent(self, *args, **kwargs):
        return getattr(super(cls, self), name)(*args, **kwargs)

    return call_parent


def addon_classes(env, model_names):
    """oci_einvoice's classes in the registry classes of ``model_names``."""
    classes = []
    for model_name in model_names:
        for cls in type(env[model_name]).__mro__:
            if cls.__module__.startswith(ADDON_MODULE) and cls not in classes:
                classes.append(cls)
    return classes


@contextmanager
def stock_odoo(env, model_names=BUILDER_MODELS):
    """Within the block, oci_einvoice's overrides on ``model_names`` call
    straight through to Odoo's implementation."""
    with ExitStack() as stack:
        for cls in addon_classes(env, model_names):
            for name, attr in list(vars(cls).items()):
                if inspect.isfunction(attr) and not name.startswith(("_oci", "__")):
                    stack.enter_context(patch.object(cls, name, _passthrough(cls, name, attr)))
        yield
