"""A constructed history, made through the real pipeline, redirect and rollup job, whose every figure the
tests know: three departments, a campaign, shares opened by composer and one posted through a connected
account (a local fake Mastodon server), people's clicks and robots' clicks on the tracked links."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from server.db import database, utcnow
from tests.networks.fakes.fixtures import fake_mastodon, insecure_transport  # noqa: F401
from tests.shares.conftest import app_config, charter, link, make_link, mastodon_account, ready  # noqa: F401
from tests.tracking.conftest import PERSON, share_link  # noqa: F401

ROBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


@dataclass
class World:
    departments: dict
    people: dict
    campaign: object
    links: dict
    targets: dict = field(default_factory=dict)  # name → ShareTarget
    clicks: dict = field(default_factory=dict)   # target name → [user agents of people]


def click(client, target, user_agent):
    response = client.get(f"/s/{target.code}", headers={"User-Agent": user_agent})
    assert response.status_code == 302


def roll_up(app):
    from server.analytics.rollups import roll_up as run

    with app.app_context(), database.connection_context():
        return run(now=utcnow() + timedelta(minutes=5))


@pytest.fixture
def world(app, client, make_user, make_link, share_link, mastodon_account, fake_mastodon, admin):  # noqa: F811
    from server.auth.models import Department
    from server.library.campaigns import create_campaign
    from server.shares.pipeline import submit_share

    departments = {name: Department.get_or_none(Department.name == name) or Department.create(name=name)
                   for name in ("Ingénierie", "Ventes", "Communication")}
    people = {"camille": make_user("employee", name="Camille Durand", department="Ingénierie"),
              "lea": make_user("leader", name="Léa Bernard", department="Ingénierie"),
              "sam": make_user("employee", name="Sam Petit", department="Ventes"),
              "alice": admin, "max": make_user("moderator", name="Max Roux", department="Communication")}
    with app.test_request_context():
        campaign = create_campaign(admin, department_ids=[departments["Ingénierie"].id, departments["Ventes"].id],
                                   name="Hydrogène 2026", target_shares=4, target_clicks=10,
                                   objective="Faire connaître le site de Lyon")
    links = {"h2": make_link("https://acme-energie.example/news/h2", campaign_id=campaign.id, category="sector"),
             "culture": make_link("https://acme-energie.example/news/equipe", category="culture")}
    built = World(departments, people, campaign, links)
    opened = share_link(people["camille"], links["h2"], networks=("linkedin", "x")).targets
    built.targets.update(camille_linkedin=opened[0], camille_x=opened[1])
    built.targets["sam_linkedin"] = share_link(people["sam"], links["h2"], networks=("linkedin",)).targets[0]
    mastodon_account(people["camille"])
    with app.test_request_context():
        posted, _created = submit_share(people["camille"], link_id=links["culture"].id, text="Belle équipe",
                                        targets=[{"network": "mastodon", "method": "api"}], idempotency_key="api")
        built.targets["camille_mastodon"] = posted.targets[0]
    built.clicks = {"camille_linkedin": [f"{PERSON} a", f"{PERSON} a", f"{PERSON} b", f"{PERSON} c", f"{PERSON} c"],
                    "camille_x": [f"{PERSON} a", f"{PERSON} d"], "camille_mastodon": [f"{PERSON} e"],
                    "sam_linkedin": [f"{PERSON} f", f"{PERSON} g", f"{PERSON} g", f"{PERSON} h"]}
    for name, agents in built.clicks.items():
        for agent in agents:
            click(client, built.targets[name], agent)
    for _ in range(3):
        click(client, built.targets["sam_linkedin"], ROBOT)
    roll_up(app)
    return built
