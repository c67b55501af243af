"""Fixtures for the network tests: one fresh fake network per test (see fakes/README.md)."""

from tests.networks.fakes.fixtures import (  # noqa: F401
    fake_bluesky,
    fake_linkedin,
    fake_mastodon,
    fake_x,
    insecure_transport,
)

REDIRECT_URI = "https://porte-voix.example/connect/callback"
TRACKED_LINK = "https://porte-voix.example/s/Ab3dE?utm_source=share&utm_medium=social"
