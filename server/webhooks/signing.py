"""Signing deliveries as the Standard Webhooks specification says (https://www.standardwebhooks.com/).

Every delivery to a signed endpoint carries three headers:

* ``webhook-id``: the message's id (``msg_…``), the same on every retry, so a receiver can drop duplicates;
* ``webhook-timestamp``: the attempt's time in whole seconds since the Unix epoch;
* ``webhook-signature``: ``v1,`` followed by the base64 of HMAC-SHA256 over ``{id}.{timestamp}.{body}``.

The key is the endpoint's secret, shown once to the administrator who creates it: ``whsec_`` followed by the
base64 of 24 random bytes; the HMAC key is those decoded bytes. To verify, a receiver recomputes the signature
from the raw body and the two other headers, compares in constant time, and refuses a timestamp more than
five minutes away from its clock. For a day after the secret is renewed, the header carries two signatures
separated by a space (new secret first, then the old one): a receiver accepts the delivery if any matches.
Any Standard Webhooks library does this (``standardwebhooks`` on PyPI, npm, Go…).
This module imports nothing of the application.
"""

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix every such secret starts with, not a secret)
SIGNATURE_VERSION = "v1"


def new_secret():
    """A fresh signing secret, ``whsec_`` + base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def new_message_id():
    """A message id for ``webhook-id``."""
    return "msg_" + secrets.token_urlsafe(18)


def _key(secret):
    return base64.b64decode(secret.removeprefix(SECRET_PREFIX))


def signature(secret, message_id, timestamp, body):
    """The ``webhook-signature`` value for ``body`` (bytes or text) sent at ``timestamp`` (seconds)."""
    body = body.encode() if isinstance(body, str) else body
    signed = f"{message_id}.{int(timestamp)}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode()}"


def signed_headers(secrets_in_use, message_id, timestamp, body):
    """The three Standard Webhooks headers of one attempt; with several secrets (a renewal's overlap), one
    signature per secret, separated by spaces, as the specification allows: any of them verifies."""
    if isinstance(secrets_in_use, str):
        secrets_in_use = [secrets_in_use]
    return {"webhook-id": message_id, "webhook-timestamp": str(int(timestamp)),
            "webhook-signature": " ".join(signature(secret, message_id, timestamp, body)
                                          for secret in secrets_in_use)}


def secret_hint(secret):
    """What a page may show of a secret: its prefix and last four characters."""
    return f"{SECRET_PREFIX}…{secret[-4:]}" if secret else ""
