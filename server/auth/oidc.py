"""Company single sign-on with OpenID Connect: authorization code + PKCE (requests-oauthlib), provider
found from its discovery document, ID token signature checked against the provider's JWKS, users created
just in time with their department from a configurable claim.

Every call to the provider (discovery, token, JWKS, userinfo) goes through the vetted outbound client:
public addresses, plus PV_OUTBOUND_ALLOW for a provider on the internal network. A provider whose
discovery document is on this machine's loopback (development, tests) may use loopback addresses
without configuration; it never crosses a network."""

import logging
import os
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from ipaddress import ip_address
from urllib.parse import urlsplit

import jwt
import requests
from flask import current_app
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from marshmallow.validate import Email
from oauthlib.oauth2 import OAuth2Error
from requests_oauthlib import OAuth2Session

from server import audit
from server.auth.models import Department, User
from server.db import database
from server.errors import DomainError
from server.outbound import LookupFailed, OutboundClient, OutboundError
from server.public_urls import external_url

log = logging.getLogger(__name__)

SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
METADATA_TTL = 3600
JWKS_TTL = 600
HTTP_TIMEOUT = 10
LOOPBACK = ("127.0.0.0/8", "::1")
_env_lock = threading.Lock()


class SingleSignOnError(DomainError):
    code = "sso_failed"
    default_message = _l("Single sign-on failed. Please try again.")


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None


def is_enabled():
    config = current_app.config
    return bool(config["OIDC_DISCOVERY_URL"] and config["OIDC_CLIENT_ID"])


def _on_loopback(url):
    """Whether ``url`` names this machine's loopback (``localhost`` or a loopback address)."""
    host = urlsplit(url).hostname
    if host == "localhost":
        return True
    try:
        return bool(host) and ip_address(host).is_loopback
    except ValueError:
        return False


def _outbound():
    """The client for every call to the provider; a provider discovered on loopback may use loopback."""
    url = current_app.config["OIDC_DISCOVERY_URL"]
    local = (urlsplit(url).hostname, *LOOPBACK) if _on_loopback(url) else ()
    return OutboundClient.from_config(current_app.config, also_allow=local)


def _refused(exc, what):
    """The readable sign-in error for a call the outbound client refused or could not make."""
    if isinstance(exc, LookupFailed):
        log.warning("single sign-on: cannot reach %s: %s", what, exc.message)
        return SingleSignOnError(_l("The sign-in service cannot be reached. Please try again later."))
    log.warning("single sign-on: %s not called: %s (PV_OUTBOUND_ALLOW lists the internal hosts the server may "
                "call)", what, exc.message)
    return SingleSignOnError(_l("The sign-in service is at an address this server may not contact: %(reason)s",
                                reason=exc.message))


@contextmanager
def _plain_http_on_loopback(url):
    """oauthlib refuses http://; a provider on this machine's loopback (development, tests) never crosses
    a network, so it is allowed there and nowhere else."""
    if urlsplit(url).scheme != "http" or not _on_loopback(url):
        yield
        return
    with _env_lock:
        previous = os.environ.get("OAUTHLIB_INSECURE_TRANSPORT")
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop("OAUTHLIB_INSECURE_TRANSPORT", None)
            else:
                os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = previous


def _get_json(url, what):
    try:
        response = _outbound().request("GET", url, timeout=HTTP_TIMEOUT, headers={"Accept": "application/json"})
        response.raise_for_status()
        return response.json()
    except OutboundError as exc:
        raise _refused(exc, what) from exc
    except (requests.RequestException, ValueError) as exc:
        log.warning("single sign-on: cannot read %s at %s: %s", what, url, exc)
        raise SingleSignOnError(_l("The sign-in service cannot be reached. Please try again later.")) from exc


def _cache():
    """The provider's metadata and keys, cached per application (each app may have its own provider)."""
    return current_app.extensions.setdefault("oidc_cache", {})


def _cached(key, ttl, load):
    hit = _cache().get(key)
    if hit and time.monotonic() - hit[0] < ttl:
        return hit[1]
    value = load()
    _cache()[key] = (time.monotonic(), value)
    return value


def provider():
    """The provider's endpoints from its discovery document (cached for an hour)."""
    url = current_app.config["OIDC_DISCOVERY_URL"]

    def load():
        doc = _get_json(url, "the discovery document")
        expected = url.split("/.well-known/")[0]
        if doc.get("issuer", "").rstrip("/") != expected.rstrip("/"):
            log.warning("single sign-on: discovery issuer %r does not match %r", doc.get("issuer"), expected)
            raise SingleSignOnError(_l("The sign-in service is misconfigured (issuer mismatch)."))
        try:
            return Provider(doc["issuer"], doc["authorization_endpoint"], doc["token_endpoint"], doc["jwks_uri"],
                            doc.get("userinfo_endpoint"))
        except KeyError as exc:
            raise SingleSignOnError(_l("The sign-in service is misconfigured (incomplete discovery).")) from exc

    return _cached(("provider", url), METADATA_TTL, load)


def _signing_key(meta, kid):
    for force in (False, True):
        if force:
            _cache().pop(("jwks", meta.jwks_uri), None)  # the provider may have rotated its keys
        keys = _cached(("jwks", meta.jwks_uri), JWKS_TTL, lambda: _get_json(meta.jwks_uri, "the signing keys"))
        for key in keys.get("keys", []):
            if kid is None or key.get("kid") == kid:
                return jwt.PyJWK(key)
    raise SingleSignOnError(_l("The sign-in could not be verified (unknown signing key)."))


def verify_id_token(id_token, meta, nonce):
    """The ID token's claims, once its signature, issuer, audience, expiry and nonce are checked."""
    client_id = current_app.config["OIDC_CLIENT_ID"]
    try:
        header = jwt.get_unverified_header(id_token)
        if header.get("alg") not in SIGNING_ALGORITHMS:
            raise jwt.InvalidAlgorithmError(f"algorithm {header.get('alg')!r} refused")
        key = _signing_key(meta, header.get("kid"))
        claims = jwt.decode(id_token, key.key, algorithms=[header["alg"]], audience=client_id, issuer=meta.issuer,
                            leeway=60, options={"require": ["exp", "iat", "iss", "aud", "sub"]})
    except jwt.PyJWTError as exc:
        log.warning("single sign-on: ID token refused: %s", exc)
        raise SingleSignOnError(_l("The sign-in could not be verified. Please try again.")) from exc
    if not nonce or claims.get("nonce") != nonce:
        raise SingleSignOnError(_l("The sign-in could not be verified (nonce mismatch)."))
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SingleSignOnError(_l("The sign-in could not be verified (wrong audience)."))
    return claims


def _session(state=None, pkce="S256"):
    config = current_app.config
    return _outbound().mount(OAuth2Session(config["OIDC_CLIENT_ID"], redirect_uri=external_url("auth.sso_callback"),
                                           scope=config["OIDC_SCOPES"].split(), state=state, pkce=pkce))


def begin_sign_in(next_path):
    """The provider's authorization URL and what the callback must find again in the signed session."""
    meta = provider()
    oauth = _session()
    nonce = secrets.token_urlsafe(24)
    with _plain_http_on_loopback(meta.authorization_endpoint):
        url, state = oauth.authorization_url(meta.authorization_endpoint, nonce=nonce)
    pending = {"state": state, "verifier": oauth._code_verifier, "nonce": nonce, "next": next_path,
               "at": int(time.time())}
    return url, pending


def complete_sign_in(pending, args):
    """Exchange the code, verify the ID token and return the (possibly new) user and the next path."""
    if not pending or time.time() - pending.get("at", 0) > 900:
        raise SingleSignOnError(_l("This sign-in attempt has expired. Please start again."))
    if args.get("error"):
        raise SingleSignOnError(_l("The sign-in service refused: %(reason)s",
                                   reason=args.get("error_description") or args["error"]))
    if not args.get("state") or not secrets.compare_digest(args["state"], pending["state"]):
        raise SingleSignOnError(_l("This sign-in attempt does not match the one started here. Please start again."))
    if not args.get("code"):
        raise SingleSignOnError()
    meta = provider()
    # The verifier comes back from the signed session: this is another request than the one that made it,
    # so the session object is built without PKCE and the verifier is handed to the token request.
    oauth = _session(state=pending["state"], pkce=None)
    secret = current_app.config["OIDC_CLIENT_SECRET"] or None
    try:
        with _plain_http_on_loopback(meta.token_endpoint):
            token = oauth.fetch_token(meta.token_endpoint, code=args["code"], client_secret=secret,
                                      code_verifier=pending["verifier"], include_client_id=True,
                                      timeout=HTTP_TIMEOUT)
    except OutboundError as exc:
        raise _refused(exc, "the token endpoint") from exc
    except (OAuth2Error, requests.RequestException, ValueError) as exc:
        log.warning("single sign-on: token exchange failed: %s", exc)
        raise SingleSignOnError(_l("The sign-in service refused the exchange. Please start again.")) from exc
    if "id_token" not in token:
        raise SingleSignOnError(_l("The sign-in service returned no identity."))
    claims = verify_id_token(token["id_token"], meta, pending["nonce"])
    claims = {**_userinfo(oauth, meta, claims["sub"]), **claims}
    return provision_user(meta.issuer, claims), pending.get("next")


def _userinfo(oauth, meta, subject):
    if not meta.userinfo_endpoint:
        return {}
    try:
        with _plain_http_on_loopback(meta.userinfo_endpoint):
            response = oauth.get(meta.userinfo_endpoint, timeout=HTTP_TIMEOUT)
        response.raise_for_status()
        info = response.json()
    except OutboundError as exc:
        log.warning("single sign-on: userinfo not called: %s", exc.message)
        return {}
    except (requests.RequestException, ValueError) as exc:
        log.info("single sign-on: userinfo unavailable: %s", exc)
        return {}
    # A userinfo answer about someone else is ignored (OpenID Connect Core 5.3.2).
    return info if info.get("sub") == subject else {}


def _department_from(claims):
    value = claims.get(current_app.config["OIDC_DEPARTMENT_CLAIM"])
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip()[:120]
    department = Department.get_or_none(Department.name == name)
    return department or Department.create(name=name)


def _display_name(claims, email):
    name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
    return (name or email.partition("@")[0]).strip()[:120]


MAX_EMAIL_LENGTH = 254  # RFC 5321's limit on a forward path


def _trusts_emails_of(issuer):
    trusted = {item.rstrip("/") for item in current_app.config["OIDC_TRUSTED_EMAIL_ISSUERS"]}
    return issuer.rstrip("/") in trusted


def _vouched_email(issuer, claims):
    """The claimed e-mail address, lower-cased, if the provider vouches for it; a readable refusal otherwise.

    The provider vouches for it with `email_verified` true (some send the string "true"), or the operator
    trusts every e-mail of this issuer (PV_OIDC_TRUSTED_EMAIL_ISSUERS), as for a company directory that
    only hands out addresses it manages. An unverified address could name someone else's account.
    """
    raw = claims.get("email")
    if not isinstance(raw, str) or not raw.strip():
        raise SingleSignOnError(_l("Your company account has no e-mail address. Ask your administrator."))
    email = raw.strip().lower()
    try:
        Email()(email)
        if len(email) > MAX_EMAIL_LENGTH:
            raise ValidationError("too long")
    except ValidationError as exc:
        log.warning("single sign-on: %s sent an e-mail claim that is not an address", issuer)
        raise SingleSignOnError(_l("The e-mail address of your company account is not valid. Ask your "
                                   "administrator to correct it.")) from exc
    verified = claims.get("email_verified")
    if verified is True or (isinstance(verified, str) and verified.strip().lower() == "true"):
        return email
    if _trusts_emails_of(issuer):
        return email
    raise SingleSignOnError(_l("Your company account has no verified e-mail address."))


def provision_user(issuer, claims):
    """Find the user by (issuer, subject); else link the account with the same e-mail, or create one (just
    in time), but only for an e-mail address the provider vouches for (see `_vouched_email`)."""
    with database.atomic():
        user = User.get_or_none(User.sso_issuer == issuer, User.sso_subject == claims["sub"])
        email = user.email if user else _vouched_email(issuer, claims)
        user = user or User.get_or_none(User.email == email)
        department = _department_from(claims)
        if user is None:
            user = User.create(email=email, name=_display_name(claims, email), department=department,
                               sso_issuer=issuer, sso_subject=claims["sub"])
            audit.record("user.create", actor=user, target=user, via="sso")
        else:
            user.sso_issuer, user.sso_subject = issuer, claims["sub"]
            if department is not None:
                user.department = department
            user.save()
    if not user.active:
        raise SingleSignOnError(_l("Your account is disabled. Ask an administrator."))
    return user
