"""The registry of social networks: one module per network, declared here in display order.

Each network module is its own descriptor (as Shariff's services are): adding a network means writing
one module and listing it below. Every module declares

- ``name``: the stable id (stored in the database, used in UTM parameters);
- ``label``: ``{"fr": …, "en": …}``;
- ``length``: a ``LengthLimit(max, counting)`` for the charter's length rule, or None;
- ``prefills_text``: whether the composer receives the employee's text (otherwise it is copied);
- ``needs_instance``: whether the employee must name a server first (Mastodon); those modules also declare
  ``normalize_instance(text) -> host`` and ``instance_example`` (a server's name, for hints);
- ``build_intent(text, url, *, title=None, instance=None) -> Intent``;
- ``posts_directly``: whether it has an API client. Those modules also declare ``auth`` (``"oauth2"`` or
  ``"app_password"``), a ``Config`` dataclass (endpoints, credentials and the vetted ``outbound`` client
  every call goes through, production defaults),
  ``settings`` (the server settings they read, as ``(key, default, description)``), ``is_configured(settings)``
  (whether employees may connect an account on this server) and ``refresh``, ``revoke``, ``post``,
  ``find_recent_post``, ``needs_refresh``, ``needs_reconnect``; the ``"oauth2"`` ones ``authorization_url`` and
  ``exchange_code``, the ``"app_password"`` ones ``login``. A network with one company app or one server
  declares ``app_config(settings, **overrides) -> Config``; one where every server is its own OAuth provider
  (``needs_instance``) declares ``register_app`` and ``instance_config(instance_url, client_id=…,
  client_secret=…, pkce=…, **overrides) -> Config`` instead.

How an employee connects follows from these declarations: ``"oauth2"`` alone sends them to the network's
consent page; ``"oauth2"`` with ``needs_instance`` first asks for their server; ``"app_password"`` asks for
an identifier and an app password. A network whose connection needs a form has a template partial
``shares/connect/<name>.html``.

Publishing with a connected account, as the share pipeline should drive it:

1. ``needs_reconnect(token)``: ask the employee to reconnect. ``needs_refresh(token)``: ``refresh`` under
   a per-account lock (X refresh tokens work once) and store the new token before anything else.
2. ``post(config, token, text, link=…, title=…, description=…, language=…, idempotency_key=…)``.
3. On ``TokenExpired``: refresh once if there is a refresh token, else ask to reconnect. ``RateLimited``:
   retry after ``retry_after`` seconds. ``TransientError``: retry with backoff. ``MissingScope`` and
   ``PermanentError``: give up and show the message.
4. On ``UncertainOutcome`` never repost blindly: ``find_recent_post``; if found, record it; if not, post
   again with the same idempotency key (Mastodon treats it as a repeat). ``DuplicatePost`` with an
   ``existing_id`` (LinkedIn) names the post that went through; without one (X), ``find_recent_post``.

Nothing here imports Flask or peewee: the share pipeline, jobs and pages call these modules.
"""

from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from . import (
    bluesky,
    clipboard,
    facebook,
    linkedin,
    mailto,
    mastodon,
    reddit,
    teams,
    telegram,
    threads,
    whatsapp,
    x,
    xing,
)
from .api import PostResult, Token
from .descriptor import COUNTINGS, Intent, LengthLimit
from .errors import (
    AuthorizationFailed,
    DuplicatePost,
    InvalidInstance,
    MissingScope,
    NetworkError,
    PermanentError,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
    UnknownNetwork,
)
from .oauth import AuthorizationRequest

__all__ = [
    "COUNTINGS",
    "NETWORKS",
    "AuthorizationFailed",
    "AuthorizationRequest",
    "DuplicatePost",
    "Intent",
    "InvalidInstance",
    "LengthLimit",
    "MissingScope",
    "NetworkError",
    "PermanentError",
    "PostResult",
    "RateLimited",
    "Token",
    "TokenExpired",
    "TransientError",
    "UncertainOutcome",
    "UnknownNetwork",
    "api_networks",
    "get",
    "intent_networks",
]

_ORDER = (linkedin, x, facebook, mastodon, bluesky, threads, whatsapp, telegram, reddit, xing, teams,
          mailto, clipboard)

NETWORKS: Mapping[str, ModuleType] = MappingProxyType({module.name: module for module in _ORDER})
"""Every network by name, in the order share buttons show them."""


def get(name: str) -> ModuleType:
    """The network module registered as ``name``, or ``UnknownNetwork``."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise UnknownNetwork(f"no network named {name!r}; known: {', '.join(NETWORKS)}") from None


def intent_networks() -> list[ModuleType]:
    """Networks an employee can share to without an account: all of them, copy included."""
    return list(NETWORKS.values())


def api_networks() -> list[ModuleType]:
    """Networks an employee can connect an account to, for direct posting."""
    return [module for module in NETWORKS.values() if module.posts_directly]


def declared_settings() -> list[tuple[str, object, str]]:
    """Every server setting the networks read, as (key, default, description), in display order."""
    return [setting for module in api_networks() for setting in module.settings]
