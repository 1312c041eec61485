from . import controllers
from . import models
from . import tools
from . import wizard
from . import demo


def post_load():
    """Server-wide set-up, called once per process when Odoo loads the addon
    (``post_load`` in the manifest): keep OCI login secrets out of the HTTP
    request log."""
    tools.log_redact.install_log_filter()
