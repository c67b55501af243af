"""Fake social networks on 127.0.0.1 for tests: see README.md."""

from .base import FakeNetwork, RecordedRequest
from .bluesky import FakeBluesky
from .linkedin import FakeLinkedIn
from .mastodon import FakeMastodon
from .x import FakeX

__all__ = ["FakeBluesky", "FakeLinkedIn", "FakeMastodon", "FakeNetwork", "FakeX", "RecordedRequest"]
