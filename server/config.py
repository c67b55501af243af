"""Settings, read from PV_* environment variables, with defaults for the embedded mode.

Every setting is documented here and in the README. Without any of them the server runs on its embedded
default: SQLite in WAL mode in the instance folder, a generated secret key persisted there, jobs in SQLite.
"""

import os
import secrets
import stat
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from server import networks
from server.outbound.addresses import AddressPolicy


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
    Setting("REDIS_URL", None, doc="redis://host:6379/0: job queue and rate limits. Default: both in SQLite files "
            "of the instance folder, shared by the processes of one machine."),
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
    Setting("OIDC_TRUSTED_EMAIL_ISSUERS", "", kind=list, doc="Comma-separated issuers (the `issuer` of the "
            "discovery document) whose e-mail claims are trusted without `email_verified`, for a company "
            "directory that only hands out addresses it manages. Default: an account is linked or created only "
            "for an e-mail address the provider marks verified."),
    Setting("SIGNUP_DOMAINS", "", kind=list, doc="Comma-separated e-mail domains whose employees may create "
            "their account by magic link (e.g. acme.com). Default: only existing accounts may sign in."),
    Setting("ENCRYPTION_KEY", "", doc="Fernet key(s) encrypting OAuth tokens at rest; several, comma-separated, "
            "to rotate (the first encrypts). Default: derived from the secret key."),
    # Each network with a company app or a server of its own declares its settings (server/networks/).
    *(Setting(key, default, doc=doc) for key, default, doc in networks.declared_settings()),
    Setting("OUTBOUND_ALLOW", "", kind=list, doc="Comma-separated hosts or networks (CIDR) the server may call "
            "although they are not public internet addresses, e.g. a single sign-on provider on the internal "
            "network (sso.acme.internal, 10.20.0.0/16). Applies to every outbound call: sign-in, social networks, "
            "link previews and feeds. Default: public addresses only (an OpenID provider on this machine's "
            "loopback is allowed for development)."),
    Setting("PUBLISH_STALL_SECONDS", 120, kind=int, doc="A post attempt older than this that never recorded its "
            "result (its worker stopped) is reconciled with the network."),
    Setting("SELF_APPROVAL", False, kind=bool, doc="Let a moderator approve their own shares (for a team too small "
            "for a second pair of eyes). Default: someone else approves them."),
    Setting("CORS_ORIGINS", "", kind=list, doc="Comma-separated origins allowed to call the JSON API from a "
            "browser. The extension calls it with the server's host permission, which Chrome and Firefox exempt "
            "from CORS; list its origin too so it works where that permission is withheld: "
            "chrome-extension://<id> (nhfloekepjhkfmplgkbfdgbfefnnpoln for the project's build, or the id your "
            "store or CRX gives it) and moz-extension://<uuid> (each Firefox installation's own, shown in "
            "about:debugging)."),
    Setting("EMBED_ORIGINS", "", kind=list, doc="Comma-separated origins of the intranet pages that may show the "
            "share button's dialog in a frame (its Content-Security-Policy frame-ancestors), e.g. "
            "https://intranet.example.com. Default: none (the demo allows its sample intranet page)."),
    Setting("DEFAULT_LOCALE", "en", doc="Language used when neither the user's setting nor the browser's "
            "Accept-Language chooses one (fr or en)."),
    Setting("INSTANCE_PATH", "", doc="Folder for the embedded database, jobs, rate-limit counters, secret key and "
            "outbox, readable by the server's user only (0700, files 0600, tightened at start). Default: ./instance."),
    Setting("SESSION_DAYS", 14, kind=int, doc="Days a browser session lasts without activity (the session cookie "
            "as well)."),
    Setting("MAX_BODY_BYTES", 1_048_576, kind=int, doc="Largest request body accepted, in bytes."),
    Setting("PROXY_COUNT", 0, kind=int, doc="Number of reverse proxies in front of the server (trusts their "
            "X-Forwarded-* headers)."),
    Setting("FEED_POLL_MINUTES", 60, kind=int, doc="Minutes between two polls of each subscribed RSS/Atom feed "
            "(the worker checks every 15 minutes which feeds are due)."),
    Setting("JOBS_IMMEDIATE", False, kind=bool, doc="Run jobs inline instead of in the worker (tests only)."),
    Setting("LOG_LEVEL", "INFO", doc="Logging level."),
    Setting("LOG_FORMAT", "plain", doc="plain (one readable line per event) or json (one JSON object per line: "
            "time, level, logger, message, request_id, and for access lines method, route, status, bytes, "
            "duration_ms)."),
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


PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def secure_instance_folder(folder):
    """Create the instance folder if needed, readable by the owner only, and tighten what it holds.

    It keeps personal data (databases, jobs, the outbox's e-mails) and the secret key: the folder is 0700,
    every folder in it 0700 and every file 0600, whatever modes an older version or a copy left.
    """
    os.makedirs(folder, mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    os.chmod(folder, PRIVATE_FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name in folders:
            _tighten(os.path.join(root, name), PRIVATE_FOLDER_MODE)
        for name in files:
            _tighten(os.path.join(root, name), PRIVATE_FILE_MODE)


def _tighten(path, mode):
    try:
        current = os.lstat(path).st_mode
        if not stat.S_ISLNK(current) and current & 0o777 & ~mode:
            os.chmod(path, current & mode)
    except FileNotFoundError:  # another process removed it meanwhile (a finished job, a journal)
        pass


def private_file(path):
    """Make sure the file at `path` exists, readable by the owner only, and return its path.

    Called before SQLite opens a database: SQLite creates the -wal and -shm files with the modes of the
    database file, so they are private too.
    """
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    return path


def private_folder(path):
    """Make sure the folder at `path` exists, readable by the owner only, and return its path."""
    os.makedirs(path, mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    return path


def persistent_secret_key(folder):
    """Read the instance's secret key, generating it (readable by the owner only) on first start.

    Web processes start together: the key is written to a temporary file, then published under its name
    with a hard link, which fails if another process published one first; everyone then reads that one.
    """
    path = Path(folder) / "secret_key"
    if not path.exists():
        draft = Path(folder) / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def embed_origins(values):
    """PV_EMBED_ORIGINS as origins (scheme://host[:port], no path), or SystemExit naming the bad one."""
    origins = []
    for value in values:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
                or parts.query or parts.fragment or parts.username:
            raise SystemExit(f"PV_EMBED_ORIGINS: {value!r} is not an origin such as https://intranet.example.com")
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return origins


def configure(app, overrides=None):
    """Fill app.config from defaults < environment < overrides, then derive the dependent settings."""
    config = defaults()
    config.update(read_environment())
    config.update(overrides or {})
    app.config.update(config)
    secure_instance_folder(app.instance_path)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = persistent_secret_key(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "porte-voix.db")
    if app.config["DEFAULT_LOCALE"] not in LOCALES:
        raise SystemExit("PV_DEFAULT_LOCALE must be one of: " + ", ".join(LOCALES))
    try:
        AddressPolicy(app.config["OUTBOUND_ALLOW"])
    except ValueError as exc:
        raise SystemExit(f"PV_OUTBOUND_ALLOW: {exc}") from exc
    app.config["EMBED_ORIGINS"] = embed_origins(app.config["EMBED_ORIGINS"])
    # Tests only, never from the environment: replaces DNS for every outbound call (server.outbound).
    app.config.setdefault("OUTBOUND_RESOLVER", None)
    secure = app.config["BASE_URL"].startswith("https://")
    app.config.update(
        # The cookie lives as long as the server-side session it points to (server/auth/sessions.py), not
        # Flask's default 31 days.
        PERMANENT_SESSION_LIFETIME=timedelta(days=app.config["SESSION_DAYS"]),
        MAX_CONTENT_LENGTH=app.config["MAX_BODY_BYTES"],
        SESSION_COOKIE_NAME="pv_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        PREFERRED_URL_SCHEME="https" if secure else "http",
        JSON_SORT_KEYS=False,
    )
