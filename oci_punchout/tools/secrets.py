# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hashed secrets: the one implementation behind every secret this addon
keeps (the OCI login password, the PO shared secret).

Pure Python (passlib, no Odoo import). Callers pass the passlib
``CryptContext`` to use: Odoo's own (``res.users._crypt_context()``,
pbkdf2-sha512 with the database's ``password.hashing.rounds``), so a
secret is hashed exactly like a user password. Secrets are only ever
stored hashed; nothing here logs or returns one.
"""

import hmac


def hash_secret(crypt, secret):
    """The hash to store for ``secret`` (a non-empty text)."""
    if not secret:
        raise ValueError("an empty secret is not stored")
    hashed = crypt.hash(secret)
    if crypt.identify(hashed) == "plaintext":
        raise ValueError("the crypt context must hash, not store in clear")
    return hashed


def verify_secret(crypt, secret, hashed):
    """Whether ``secret`` matches the stored ``hashed``.

    Always as slow as one hash check, whether a hash is stored or not, so
    that timing tells nothing. A stored value that is not a hash (a secret
    written in clear, a broken value) never matches."""
    usable = bool(secret) and bool(hashed) and crypt.identify(hashed) not in (None, "plaintext")
    if not usable:
        crypt.dummy_verify()
        return False
    try:
        return bool(crypt.verify(secret, hashed))
    except ValueError:  # malformed hash
        return False


def same_text(given, expected):
    """Compare two texts (e.g. a user name or sender identity) in constant
    time; an empty ``expected`` never matches."""
    return bool(expected) and hmac.compare_digest(
        (given or "").encode("utf-8"), (expected or "").encode("utf-8")
    )
