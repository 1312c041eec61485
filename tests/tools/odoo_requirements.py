#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Print the pip requirements of an Odoo source tree for the running Python.

    python3 tests/tools/odoo_requirements.py /path/to/odoo-src/requirements.txt

Odoo's requirements.txt pins one version per Python release with environment
markers. This keeps the pins whose markers hold for the running interpreter,
with two deliberate changes:
- on Python 3.11 the markers are evaluated as for 3.12 (the 3.11 pins of
  Odoo 18.0 -- gevent 22.10, cryptography 3.4.8, Pillow 9.4... -- need
  compilers on a current Debian; the 3.12 pins have wheels for 3.11 and are
  the versions this project's tests run with);
- python-ldap is left out (optional: LDAP login only, needs libldap headers);
  psycopg2 becomes psycopg2-binary of the same version (the same module,
  built: no pg_config, compiler or Python headers needed).
"""

import re
import sys

try:
    from packaging.requirements import Requirement
except ImportError:  # a fresh virtual env has pip's own copy
    from pip._vendor.packaging.requirements import Requirement

SKIP = {"python-ldap"}
RENAME = {"psycopg2": "psycopg2-binary"}


def marker_environment():
    env = {}
    if sys.version_info[:2] == (3, 11):
        env = {"python_version": "3.12", "python_full_version": "3.12.0"}
    return env


def requirements(lines, env=None):
    env = env if env is not None else marker_environment()
    for raw in lines:
        line = re.sub(r"\s+#.*$", "", raw).strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement = Requirement(line)
        if requirement.marker and not requirement.marker.evaluate(env):
            continue
        name = requirement.name.lower()
        if name in SKIP:
            continue
        requirement.marker = None
        requirement.name = RENAME.get(name, requirement.name)
        yield str(requirement)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as handle:
        for requirement in requirements(handle):
            print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
