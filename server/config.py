"""Settings, read from PV_* environment variables, with defaults for the embedded mode.

Every setting is documented here and in the README. Without any of them the server runs on its embedded
default: SQLite in WAL mode in the instance folder, a generated secret key persisted there, jobs in SQLite.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    kind: type = str
    doc: str = ""

    @property
    def env(self):
        return "PV_" + self.key


SETTINGS = (
    Setting("SECRET_KEY", None, doc="Signs sessions, magic links and CSRF tokens. Default: generated once and "
            "kept in the instance folder (secret_key)."),
    Setting("DATABASE_URL", None, doc="sqlite:///… or postgresql://user:pass@host/db. Default: SQLite (WAL) in "
            "the instance folder."),
    Setting("REDIS_URL", None, doc="redis://host:6379/0: job queue and rate limits. Default: jobs in SQLite in "
            "the instance folder, rate limits in memory."),
    Setting("BASE_URL", "", doc="Public URL of the server (links in e-mails, sign-in redirects, tracked links), "
            "e.g. https://share.example.com. Default: the URL of the current request."),
    Setting("SMTP_URL", "", doc="smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465. Default: "
            "e-mails are written to the instance folder's outbox/ and printed in the log."),
    Setting("MAIL_FROM", "Porte-Voix <no-reply@porte-voix.invalid>", doc="Sender of the e-mails."),
    Setting("OIDC_DISCOVERY_URL", "", doc="OpenID Connect discovery document of the company's single sign-on "
            "(…/.well-known/openid-configuration). Empty: single sign-on is off."),
    Setting("OIDC_CLIENT_ID", "", doc="Client id registered with the identity provider."),
    Setting("OIDC_CLIENT_SECRET", "", doc="Client secret (leave empty for a public client using PKCE only)."),
    Setting("OIDC_SCOPES", "openid email profile", doc="Scopes asked of the identity provider."),
    Setting("OIDC_DEPARTMENT_CLAIM", "department", doc="Claim of the ID token or userinfo that names the "
            "employee's department."),
    Setting("OIDC_LABEL", "", doc="Label of the single sign-on button (default: 'Company account')."),
    Setting("SIGNUP_DOMAINS", "", kind=list, doc="Comma-separated e-mail domains whose employees may create "
            "their account by magic link (e.g. acme.com). Default: only existing accounts may sign in."),
    Setting("ENCRYPTION_KEY", "", doc="Fernet key(s) encrypting OAuth tokens at rest; several, comma-separated, "
            "to rotate (the first encrypts). Default: derived from the secret key."),
    Setting("LINKEDIN_CLIENT_ID", "", doc="The company's LinkedIn app (products Share on LinkedIn and Sign In with "
            "LinkedIn using OpenID Connect), for employees who connect their account. Empty: LinkedIn by share "
            "intent only."),
    Setting("LINKEDIN_CLIENT_SECRET", "", doc="Secret of that LinkedIn app."),
    Setting("X_CLIENT_ID", "", doc="The company's X app (OAuth 2.0), for direct posting to X; X bills its API per "
            "call. Empty: X by share intent only."),
    Setting("X_CLIENT_SECRET", "", doc="Secret of that X app (empty for a public client)."),
    Setting("BLUESKY_PDS_URL", "https://bsky.social", doc="Where Bluesky accounts sign in with an app password."),
    Setting("PUBLISH_STALL_SECONDS", 120, kind=int, doc="A post attempt older than this that never recorded its "
            "result (its worker stopped) is reconciled with the network."),
    Setting("CORS_ORIGINS", "", kind=list, doc="Comma-separated origins allowed to call the JSON API from a "
            "browser. The extension calls it with the server's host permission, which Chrome and Firefox exempt "
            "from CORS; list its origin too so it works where that permission is withheld: "
            "chrome-extension://<id> (nhfloekepjhkfmplgkbfdgbfefnnpoln for the project's build, or the id your "
            "store or CRX gives it) and moz-extension://<uuid> (each Firefox installation's own, shown in "
            "about:debugging)."),
    Setting("DEFAULT_LOCALE", "en", doc="Language used when neither the user's setting nor the browser's "
            "Accept-Language chooses one (fr or en)."),
    Setting("INSTANCE_PATH", "", doc="Folder for the embedded database, jobs, secret key and outbox. Default: "
            "./instance."),
    Setting("SESSION_DAYS", 14, kind=int, doc="Days a browser session lasts without activity."),
    Setting("MAX_BODY_BYTES", 1_048_576, kind=int, doc="Largest request body accepted, in bytes."),
    Setting("PROXY_COUNT", 0, kind=int, doc="Number of reverse proxies in front of the server (trusts their "
            "X-Forwarded-* headers)."),
    Setting("FEED_POLL_MINUTES", 60, kind=int, doc="Minutes between two polls of each subscribed RSS/Atom feed "
            "(the worker checks every 15 minutes which feeds are due)."),
    Setting("JOBS_IMMEDIATE", False, kind=bool, doc="Run jobs inline instead of in the worker (tests only)."),
    Setting("LOG_LEVEL", "INFO", doc="Logging level."),
)

LOCALES = ("fr", "en")


def _parse(setting, raw):
    if setting.kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if setting.kind is int:
        return int(raw)
    if setting.kind is list:
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def read_environment(environ=None):
    """Return the settings found in the environment (PV_*), parsed, keyed without their prefix."""
    environ = os.environ if environ is None else environ
    found = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is not None and raw != "":
            try:
                found[setting.key] = _parse(setting, raw)
            except ValueError as exc:
                raise SystemExit(f"{setting.env}: {exc}") from exc
    return found


def defaults():
    """Every setting's default value."""
    return {s.key: ([] if s.kind is list and not s.default else s.default) for s in SETTINGS}


def instance_path(overrides=None):
    """The instance folder: PV_INSTANCE_PATH, an override, or ./instance."""
    overrides = overrides or {}
    path = overrides.get("INSTANCE_PATH") or os.environ.get("PV_INSTANCE_PATH") or "instance"
    return str(Path(path).resolve())


def persistent_secret_key(folder):
    """Read the instance's secret key, generating it (readable by the owner only) on first start."""
    path = Path(folder) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def configure(app, overrides=None):
    """Fill app.config from defaults < environment < overrides, then derive the dependent settings."""
    config = defaults()
    config.update(read_environment())
    config.update(overrides or {})
    app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = persistent_secret_key(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "porte-voix.db")
    if app.config["DEFAULT_LOCALE"] not in LOCALES:
        raise SystemExit("PV_DEFAULT_LOCALE must be one of: " + ", ".join(LOCALES))
    secure = app.config["BASE_URL"].startswith("https://")
    app.config.update(
        MAX_CONTENT_LENGTH=app.config["MAX_BODY_BYTES"],
        SESSION_COOKIE_NAME="pv_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        PREFERRED_URL_SCHEME="https" if secure else "http",
        JSON_SORT_KEYS=False,
    )
