"""Outgoing e-mail: through SMTP when PV_SMTP_URL is set, otherwise written to the instance folder's
outbox/ and printed in the server log (so the embedded mode works without a mail server).

Sending is a job: a request never waits on a mail server, and a failed delivery is retried.
"""

import logging
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app

from server.config import PRIVATE_FILE_MODE, private_folder
from server.db import utcnow
from server.jobs import job

log = logging.getLogger(__name__)


def build_message(to, subject, text, sender):
    """A plain-text UTF-8 message."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="porte-voix")
    message.set_content(text)
    return message


def smtp_send(url, message, timeout=20):
    """Send through smtp:// (STARTTLS when offered, or forced with ?starttls=1) or smtps:// (implicit TLS)."""
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("PV_SMTP_URL must start with smtp:// or smtps://")
    host = parts.hostname or "localhost"
    context = ssl.create_default_context()
    if parts.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, parts.port or 465, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(host, parts.port or 25, timeout=timeout)
    with client:
        client.ehlo()
        if parts.scheme == "smtp" and (options.get("starttls") in ("1", "true") or client.has_extn("starttls")):
            client.starttls(context=context)
            client.ehlo()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


def write_outbox(folder, message):
    """Keep the message as an .eml file; returns its path."""
    outbox = Path(private_folder(os.path.join(folder, "outbox")))
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{os.getpid()}.eml"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE), "wb") as handle:
        handle.write(bytes(message))  # the message is personal data (and may hold a sign-in link)
    return path


@job(retries=5, retry_delay=60)
def deliver_mail(to, subject, text):
    """Deliver one message (a job: retried when the mail server is unreachable)."""
    config = current_app.config
    message = build_message(to, subject, text, config["MAIL_FROM"])
    if config["SMTP_URL"]:
        smtp_send(config["SMTP_URL"], message)
        log.info("e-mail sent to %s: %s", to, subject)
        return
    path = write_outbox(current_app.instance_path, message)
    log.warning("e-mail to %s written to %s (PV_SMTP_URL is not set):\n%s", to, path, text)


def send_mail(to, subject, text):
    """Queue an e-mail."""
    deliver_mail(to, str(subject), text)
