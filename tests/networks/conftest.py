"""Fixtures for the network tests: one fresh fake network per test (see fakes/README.md)."""

from server.outbound import OutboundClient
from tests.networks.fakes.fixtures import (  # noqa: F401
    fake_bluesky,
    fake_linkedin,
    fake_mastodon,
    fake_x,
    insecure_transport,
)

REDIRECT_URI = "https://porte-voix.example/connect/callback"
TRACKED_LINK = "https://porte-voix.example/s/Ab3dE?utm_source=share&utm_medium=social"
LOCAL_FAKES = OutboundClient(allow=("127.0.0.1",))
"""The outbound client the tests give the network clients: their fakes on 127.0.0.1 may be called, every
other non-public address is still refused."""
