"""Employees sharing through the real pipeline, so that tracked links, their states and their clicks are the
ones the application makes."""

import itertools

import pytest

from tests.shares.conftest import charter, link, make_link, ready  # noqa: F401 (fixtures)

PERSON = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.108;FBBV/614497447;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS]")


@pytest.fixture
def share_link(app, ready):  # noqa: F811 (the fixture imported above)
    """`share_link(user, link, networks=("linkedin",), opened=True)`: the user shares the link by composer
    intents through the pipeline (and opens them); returns the share with its targets."""
    from server.shares.models import Share
    from server.shares.pipeline import participant, submit_share
    from server.shares.publishing import mark_opened

    keys = itertools.count()

    def share(user, link, networks=("linkedin",), opened=True, text="Lyon passe à l'hydrogène"):  # noqa: F811
        with app.test_request_context():
            if participant(user) is None:
                ready(user)
            made, _created = submit_share(user, link_id=link.id, text=text, idempotency_key=f"k{next(keys)}",
                                          targets=[{"network": n, "method": "intent"} for n in networks])
            if opened:
                for network in networks:
                    mark_opened(user, made.id, network)
            return Share.get_by_id(made.id)

    return share
