"""Pytest fixtures for the fakes, importable from any conftest:

    from tests.networks.fakes.fixtures import fake_x, fake_mastodon  # noqa: F401
"""

import pytest

from .bluesky import FakeBluesky
from .linkedin import FakeLinkedIn
from .mastodon import FakeMastodon
from .x import FakeX


@pytest.fixture
def insecure_transport(monkeypatch):
    """Let oauthlib talk to http://127.0.0.1 (it refuses plain http otherwise)."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


@pytest.fixture
def fake_linkedin(insecure_transport):
    with FakeLinkedIn() as fake:
        yield fake


@pytest.fixture
def fake_x(insecure_transport):
    with FakeX() as fake:
        yield fake


@pytest.fixture
def fake_mastodon(insecure_transport):
    with FakeMastodon() as fake:
        yield fake


@pytest.fixture
def fake_bluesky():
    with FakeBluesky() as fake:
        yield fake
