"""Writing and delivering the area's e-mails: a plain-text part and an HTML part, in the reader's
language, with the one-click unsubscribe headers of RFC 8058 on mail that goes out regularly.

Delivery here is synchronous: the callers are jobs that record each message before sending it and mark
it sent only once the mail server accepted it (see digests/sending.py). Without PV_SMTP_URL the message
is kept in the instance folder's outbox, as server/mail.py does for every other e-mail.
"""

import logging
from email import policy
from email.message import EmailMessage
from email.utils import formataddr

from flask import current_app, render_template
from flask_babel import force_locale

from server.mail import smtp_send, write_outbox

log = logging.getLogger(__name__)

# Headers are not folded below RFC 5322's 998 characters: a folded List-Unsubscribe would be written as
# encoded words, which mail clients do not read as an address. Bodies are quoted-printable (short lines).
MESSAGE_POLICY = policy.default.clone(max_line_length=998)


def reader_locale(user):
    """The language a person reads their e-mail in: their setting, else the server's default."""
    return user.locale or current_app.config["DEFAULT_LOCALE"]


def render_parts(template, user, **context):
    """(subject, text, html) of `templates/<template>.txt|.html`, in `user`'s language; the text template's
    first line is the subject."""
    with force_locale(reader_locale(user)):
        text = render_template(f"{template}.txt", user=user, **context)
        html = render_template(f"{template}.html", user=user, **context)
    subject, _, body = text.partition("\n")
    return subject.strip(), body.lstrip("\n"), html


def build_message(user, subject, text, html, message_id, unsubscribe_url=None):
    """A multipart/alternative message to `user`; with `unsubscribe_url`, the RFC 8058 headers."""
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = formataddr((user.name, user.email))
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a digest
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message


def deliver(message):
    """Hand `message` to the mail server now (or to the outbox); raises when the server refuses it."""
    config = current_app.config
    if config["SMTP_URL"]:
        smtp_send(config["SMTP_URL"], message)
        log.info("e-mail sent to %s: %s", message["To"], message["Subject"])
        return
    path = write_outbox(current_app.instance_path, message)
    log.warning("e-mail to %s written to %s (PV_SMTP_URL is not set)", message["To"], path)
