"""The requests transport adapter that vets and pins every connection.

requests hands each prepared request to the adapter mounted for its scheme; this one changes three
things and leaves the rest (the exchange, its errors, the response) to requests' own ``HTTPAdapter``:

* the pool key: requests 2.32 builds it in ``build_connection_pool_key_attributes`` (scheme, host,
  port and TLS settings), documented as the place to override. The host name is resolved there, once
  and within a bounded time, every address vetted, and the pool is keyed on the first vetted address
  with urllib3's ``server_hostname`` (TLS SNI) and ``assert_hostname`` (certificate check) set to the
  name. urllib3 connects to the pool's host, an IP literal, so nothing resolves the name a second time
  and a DNS answer that changes after the check (DNS rebinding) cannot move the connection;
* the ``Host`` header (``add_headers``): the name and port of the URL, as it would be without pinning;
* redirects: a 3xx answer with a ``Location`` is refused (:class:`RedirectRefused`) before requests
  could follow it. API calls never need one, and a redirect is exactly how an allowed server would send
  the next request, credentials and body included, somewhere else.

Proxies are never used, whatever the caller or the environment says: a proxy resolves the name itself,
after our check. A request without a timeout gets the client's.
"""

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

from server.outbound.errors import RedirectRefused

if TYPE_CHECKING:
    from server.outbound.client import OutboundClient

DEFAULT_PORTS = {"http": 80, "https": 443}


class PinningAdapter(HTTPAdapter):
    """Mount on ``http://`` and ``https://`` of a session (``OutboundClient.mount`` does)."""

    def __init__(self, client: "OutboundClient"):
        self.client = client
        super().__init__()  # no retries: requests' default, and a retry would be a second, unseen call

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        response = super().send(request, stream=stream, timeout=timeout or self.client.timeout, verify=verify,
                                cert=cert, proxies=None)
        if response.is_redirect:
            location = response.headers["Location"]
            response.close()
            host = urlsplit(request.url).hostname
            raise RedirectRefused(
                f"{host} answered with a redirect (HTTP {response.status_code}) to {location[:200]}; "
                "this server does not follow redirects here.",
                status=response.status_code, location=location)
        return response

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        name, scheme = host_params["host"], host_params["scheme"]
        port = host_params["port"] or DEFAULT_PORTS.get(scheme, 0)
        # Every address was vetted; the first is the one the system prefers (getaddrinfo sorts them by
        # RFC 6724, a family this machine cannot route last). An IP literal is its own address.
        address = self.client.vetted_addresses(name, port)[0]
        if address != name:
            host_params["host"] = address
            if scheme == "https":
                pool_kwargs["server_hostname"] = name
                pool_kwargs["assert_hostname"] = name
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs):
        # The connection's host is now an IP literal, which http.client would otherwise send as Host.
        parts = urlsplit(request.url)
        host = f"[{parts.hostname}]" if ":" in (parts.hostname or "") else parts.hostname
        request.headers["Host"] = f"{host}:{parts.port}" if parts.port else host
