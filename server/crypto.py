"""Secrets at rest: OAuth tokens and app secrets are encrypted with Fernet (cryptography).

The keys come from PV_ENCRYPTION_KEY (one or several Fernet keys, comma-separated: the first encrypts,
all decrypt, so keys can be rotated). Without it, the embedded mode derives one from the secret key with
HKDF, so a fresh install is encrypted too.
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from peewee import TextField


class SecretUnreadable(Exception):
    """A stored secret cannot be decrypted with the configured keys (keys changed without rotation)."""


def derived_key(secret_key):
    """A Fernet key derived from the application's secret key (embedded mode)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"porte-voix", info=b"encryption-at-rest")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


_state = {"cipher": None}


def init_app(app):
    """Set the process's keys from configuration (like the database, one per process)."""
    config = app.config
    raw = [part.strip() for part in config.get("ENCRYPTION_KEY", "").split(",") if part.strip()]
    keys = [key.encode() for key in raw] or [derived_key(config["SECRET_KEY"])]
    try:
        _state["cipher"] = MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise SystemExit("PV_ENCRYPTION_KEY must hold Fernet keys (32 url-safe base64 bytes each)") from exc


def _cipher():
    if _state["cipher"] is None:
        raise RuntimeError("crypto.init_app was not called")
    return _state["cipher"]


def encrypt_json(value):
    """Encrypt a JSON-serialisable value; returns text safe to store."""
    return _cipher().encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()


def decrypt_json(token):
    """The value stored by `encrypt_json`."""
    try:
        return json.loads(_cipher().decrypt(token.encode()))
    except InvalidToken as exc:
        raise SecretUnreadable("cannot decrypt a stored secret with the configured keys") from exc


class EncryptedJSONField(TextField):
    """A JSON value encrypted in the database and readable in Python, so nothing stores it in clear."""

    def db_value(self, value):
        return None if value is None else encrypt_json(value)

    def python_value(self, value):
        return None if value is None else decrypt_json(value)
