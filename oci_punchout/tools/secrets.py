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

import hashlib
import hmac
import os
import threading
from collections import OrderedDict


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


class VerifiedSecrets:
    """The secrets this process has verified, as Odoo keeps a verified RPC
    password per worker (``res.users.check``), for a sender that
    authenticates every request (a procurement system posting POs) and would
    otherwise pay one full hash check per request.

    Only successful checks are kept, as an HMAC of (stored hash, secret)
    under a key made at process start: no secret is kept, and a changed
    stored hash (a new secret) never meets an old entry. A wrong secret
    always takes the full hash check. Bounded, thread-safe."""

    def __init__(self, size=256):
        self._key = os.urandom(32)
        self._size = size
        self._seen = OrderedDict()
        self._lock = threading.Lock()

    def _digest(self, secret, hashed):
        message = hashed.encode("utf-8") + b"\0" + secret.encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def __len__(self):
        return len(self._seen)

    def verify(self, crypt, secret, hashed):
        """``verify_secret`` that remembers a success."""
        if not (secret and hashed):
            return verify_secret(crypt, secret, hashed)
        digest = self._digest(secret, hashed)
        with self._lock:
            if digest in self._seen:
                self._seen.move_to_end(digest)
                return True
        if not verify_secret(crypt, secret, hashed):
            return False
        with self._lock:
            self._seen[digest] = True
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
        return True
