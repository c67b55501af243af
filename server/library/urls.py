"""Canonical addresses for the content library.

Two URLs that lead to the same page should be stored once: ``canonical_url`` lower-cases the scheme
and host, converts internationalised hosts to punycode, drops default ports, fragments and tracking
parameters, and normalises percent-encoding and dot segments. It refuses, with a readable reason,
anything that is not a plain http(s) address.

Hosts that *end in a number* are read as IPv4 addresses the way browsers do (WHATWG URL standard):
``http://2130706433/``, ``http://0x7f.1/`` and ``http://0177.0.0.1/`` all become ``http://127.0.0.1/``.
Normalising rather than passing them through means every later check (the fetcher's address policy)
sees the address a browser would actually contact.
"""

import ipaddress
import string
from dataclasses import dataclass, replace
from urllib.parse import unquote_plus, urlsplit

import idna

from server.library.errors import InvalidURL

MAX_URL_LENGTH = 4096
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that only say who sent the visitor: dropping them never changes the page.
# Exact names are matched case-insensitively; so are the prefixes below.
TRACKING_PARAMETERS = frozenset({
    "fbclid",  # Facebook
    "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "_ga", "_gl",  # Google Ads / Analytics
    "msclkid",  # Microsoft Ads
    "mc_cid", "mc_eid",  # Mailchimp
    "igshid",  # Instagram
    "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking",  # HubSpot
    "mkt_tok",  # Marketo
    "yclid",  # Yandex
    "ref_src", "ref_url",  # X / Twitter embeds
    "twclid",  # X / Twitter Ads
    "ttclid",  # TikTok
    "li_fat_id",  # LinkedIn
    "srsltid",  # Google Merchant
    "vero_id", "vero_conv",  # Vero
    "oly_anon_id", "oly_enc_id",  # Omeda
    "rb_clid",  # Rakuten
    "wickedid",  # Wicked Reports
    "s_cid",  # Adobe Analytics
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")  # UTM, Matomo/Piwik campaigns, HubSpot Ads

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
_PATH_SAFE = _UNRESERVED | frozenset("!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | frozenset("?")
_HOST_LABEL_CHARS = frozenset(string.ascii_lowercase + string.digits + "-_")
_HEX_DIGITS = frozenset(string.hexdigits)


@dataclass(frozen=True)
class HttpURL:
    """An http(s) address split into normalised parts. ``port`` is None for the scheme's default."""

    scheme: str
    host: str
    port: int | None
    path: str
    query: str

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.scheme]

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.port else host

    @property
    def request_target(self) -> str:
        """What goes on the HTTP request line: path and query, never the fragment."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def is_ip_literal(self) -> bool:
        return _is_ip_literal(self.host)

    def __str__(self) -> str:
        return f"{self.scheme}://{self.netloc}{self.request_target}"


def canonical_url(url: str) -> str:
    """Return the one spelling under which the library stores ``url``.

    Raises :class:`InvalidURL` with the reason when ``url`` is not an acceptable http(s) address.
    """
    parsed = parse_http_url(url)
    return str(replace(parsed, query=strip_tracking_parameters(parsed.query)))


def host_of(url: str) -> str:
    """The normalised host of ``url`` (punycode, lower case, IPv6 without brackets), e.g. for grouping."""
    return parse_http_url(url).host


def parse_http_url(url: str) -> HttpURL:
    """Validate and normalise ``url`` without removing any query parameter.

    The fetcher uses this for every hop: it must request what the server asked for, tracking
    parameters included, while the library stores :func:`canonical_url`.
    """
    if not isinstance(url, str):
        raise InvalidURL("The address must be text.")
    text = url.strip()
    if not text:
        raise InvalidURL("The address is empty.")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidURL(f"The address is longer than {MAX_URL_LENGTH} characters.")
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise InvalidURL(f"The address cannot be read: {error}.") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidURL(_scheme_problem(scheme))
    host, port = _split_authority(parts.netloc, scheme)
    return HttpURL(
        scheme=scheme,
        host=host,
        port=port,
        path=_normalise_path(parts.path),
        query=_normalise_percent_encoding(parts.query, _QUERY_SAFE),
    )


def is_tracking_parameter(name: str) -> bool:
    """True when the query parameter ``name`` only serves to track where a visitor came from."""
    key = name.strip().lower()
    return key in TRACKING_PARAMETERS or key.startswith(TRACKING_PREFIXES)


def strip_tracking_parameters(query: str) -> str:
    """Drop tracking and empty parameters from a raw query string, keeping the others in order."""
    kept = []
    for pair in query.split("&"):
        name = unquote_plus(pair.partition("=")[0])
        if pair and not is_tracking_parameter(name):
            kept.append(pair)
    return "&".join(kept)


def _scheme_problem(scheme: str) -> str:
    if not scheme:
        return "The address must start with http:// or https://."
    return f"Only http and https addresses are accepted, not “{scheme}:”."


def _split_authority(netloc: str, scheme: str) -> tuple[str, int | None]:
    if "@" in netloc:
        raise InvalidURL("Addresses containing a user name or password are refused.")
    if not netloc:
        raise InvalidURL("The address has no host name.")
    if netloc.startswith("["):
        raw_host, _, rest = netloc[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise InvalidURL("The address has an invalid IPv6 host.")
        host = _normalise_ipv6(raw_host)
        raw_port = rest[1:] if rest else ""
    else:
        raw_host, _, raw_port = netloc.rpartition(":") if ":" in netloc else (netloc, "", "")
        host = normalise_host(raw_host)
    return host, _normalise_port(raw_port, scheme)


def _normalise_port(raw_port: str, scheme: str) -> int | None:
    if not raw_port:
        return None
    if not (raw_port.isascii() and raw_port.isdigit()) or not 0 < int(raw_port) <= 65535:
        raise InvalidURL(f"“{raw_port}” is not a valid port number.")
    port = int(raw_port)
    return None if port == DEFAULT_PORTS[scheme] else port


def _normalise_ipv6(raw_host: str) -> str:
    if "%" in raw_host:
        raise InvalidURL("IPv6 addresses with a zone identifier are refused.")
    try:
        return ipaddress.IPv6Address(raw_host).compressed
    except ValueError:
        raise InvalidURL(f"“{raw_host}” is not a valid IPv6 address.") from None


def normalise_host(raw_host: str) -> str:
    """Lower-case, punycode-encode and validate a host name; read numeric hosts as IPv4 addresses."""
    host = raw_host[:-1] if raw_host.endswith(".") else raw_host
    if not host:
        raise InvalidURL("The address has no host name.")
    if not host.isascii():
        host = _to_punycode(host)
    host = host.lower()
    if _ends_in_number(host):
        return str(_parse_whatwg_ipv4(host))
    labels = host.split(".")
    if len(host) > 253 or any(not 0 < len(label) <= 63 for label in labels):
        raise InvalidURL(f"“{raw_host}” is not a valid host name.")
    if any(not set(label) <= _HOST_LABEL_CHARS for label in labels):
        raise InvalidURL(f"“{raw_host}” contains characters not allowed in a host name.")
    for label in labels:
        if label.startswith("xn--"):
            _check_punycode_label(label)
    return host


def _to_punycode(host: str) -> str:
    try:
        # UTS 46 mapping is what browsers apply: it also folds full-width digits and dots.
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError) as error:
        raise InvalidURL(f"“{host}” is not a valid internationalised host name ({error}).") from None


def _check_punycode_label(label: str) -> None:
    try:
        idna.decode(label, uts46=True)
    except (idna.IDNAError, UnicodeError, ValueError) as error:
        raise InvalidURL(f"“{label}” is not a valid internationalised host name ({error}).") from None


def _ends_in_number(host: str) -> bool:
    last = host.rstrip(".").rpartition(".")[2] if host.rstrip(".") else ""
    if last.isascii() and last.isdigit():
        return True
    return last[:2] == "0x" and set(last[2:]) <= _HEX_DIGITS


def _parse_whatwg_ipv4(host: str) -> ipaddress.IPv4Address:
    """Read ``host`` as browsers do: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x)."""
    parts = host.split(".")
    numbers = [_parse_ipv4_part(part, host) for part in parts]
    if len(numbers) > 4 or any(number > 255 for number in numbers[:-1]):
        raise InvalidURL(f"“{host}” looks like an IP address but is not a valid one.")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise InvalidURL(f"“{host}” looks like an IP address but is not a valid one.")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number * 256 ** (3 - index)
    return ipaddress.IPv4Address(value)


def _parse_ipv4_part(part: str, host: str) -> int:
    try:
        if part[:2] == "0x":
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        if part.isdigit():
            return int(part)
    except ValueError:
        pass
    raise InvalidURL(f"“{host}” looks like an IP address but is not a valid one.")


def _normalise_path(path: str) -> str:
    encoded = _normalise_percent_encoding(path or "/", _PATH_SAFE)
    return _remove_dot_segments(encoded if encoded.startswith("/") else "/" + encoded)


def _normalise_percent_encoding(text: str, safe: frozenset[str]) -> str:
    """Decode escapes of unreserved characters, upper-case the others, escape what must be."""
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        escape = text[index + 1:index + 3]
        if char == "%" and len(escape) == 2 and set(escape) <= _HEX_DIGITS:
            decoded = chr(int(escape, 16))
            out.append(decoded if decoded in _UNRESERVED else "%" + escape.upper())
            index += 3
            continue
        if char == "%":
            out.append("%25")
        elif char in safe:
            out.append(char)
        else:
            out.append(_percent_encode(char))
        index += 1
    return "".join(out)


def _percent_encode(char: str) -> str:
    try:
        return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
    except UnicodeEncodeError:
        raise InvalidURL("The address contains characters that cannot be encoded.") from None


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 for an absolute path: resolve ``.`` and ``..`` segments."""
    kept: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if kept:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    if path.rpartition("/")[2] in (".", ".."):
        kept.append("")
    return "/" + "/".join(kept)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
