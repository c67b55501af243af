"""A small populated Porte-Voix for tests that need routes to do real work: one person of each role with an
API token, a published charter with its quiz (acknowledged and passed by the employee), a department, a
campaign, an approved link in it with a kit, a share, a proposal, a feed and a CSV import — made through the
JSON API. One more person (`target`) and a spare token of the employee exist to be changed or revoked by
whoever exercises the API, without locking its callers out."""

import io
from dataclasses import dataclass, field

from tests.charter.conftest import DOCUMENT

ROLES = ("employee", "leader", "moderator", "admin")


def no_outside_network(host, port):
    """Every name resolves to this machine, where nothing listens on 80/443: a fetch of a generated
    address fails at once instead of waiting on a network that is not there."""
    return ["127.0.0.1"]


# Settings for an application that may be fed any input: jobs inline, fetches kept on this machine.
WORLD_CONFIG = {"FETCH_ALLOWED_ADDRESSES": frozenset({"127.0.0.1"}), "FETCH_RESOLVER": no_outside_network,
                "MASTODON_INSTANCE_URLS": {}, "NETWORK_ENDPOINTS": {}, "BASE_URL": "http://localhost"}


@dataclass
class World:
    headers: dict = field(default_factory=dict)  # role -> {"Authorization": "Bearer pv_…"}
    users: dict = field(default_factory=dict)  # role -> user id
    ids: dict = field(default_factory=dict)  # "link", "campaign", "share", "department", "feed", … -> id


def _created(response, status=201):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def seed(app):
    """Populate `app` (migrated, empty) and return the World: who calls, and the ids of what exists."""
    from server.auth.models import User
    from server.auth.tokens import create_api_token
    from server.db import database

    world = World()
    with app.app_context():
        database.connect(reuse_if_open=True)
        for role in ROLES:
            user = User.create(email=f"{role}@acme.example", name=f"{role.title()} Durand", role=role)
            world.users[role] = user.id
            world.headers[role] = {"Authorization": f"Bearer {create_api_token(user, 'tests')[1]}"}
        target = User.create(email="zoe@acme.example", name="Zoé Martin", role="employee")
        world.users["target"] = target.id
        world.ids["token"] = create_api_token(User.get_by_id(world.users["employee"]), "spare")[0].id
        database.close()
    client, admin, employee = app.test_client(), world.headers["admin"], world.headers["employee"]
    _created(client.post("/api/v1/charter/versions", json={"document": DOCUMENT}, headers=admin))
    world.ids["department"] = _created(client.post("/api/v1/departments", json={"name": "Ingénierie"},
                                                   headers=admin))["id"]
    world.ids["campaign"] = _created(client.post("/api/v1/campaigns", json={
        "name": "Printemps solaire", "hashtag": "Printemps", "target_shares": 100}, headers=admin))["id"]
    world.ids["link"] = _created(client.post("/api/v1/links", json={
        "url": "https://acme-energie.example/solaire", "title": "Le solaire chez Acme", "category": "product",
        "campaign_id": world.ids["campaign"], "fetch_preview": False}, headers=admin))["id"]
    _created(client.put(f"/api/v1/links/{world.ids['link']}/kit", json={
        "captions": [{"language": "fr", "text": "Fier de notre équipe solaire #Printemps"}]}, headers=admin), 200)
    _created(client.put("/api/v1/participation", headers=employee), 200)
    _created(client.post("/api/v1/charter/acknowledgements", json={"version": 1}, headers=employee))
    _created(client.post("/api/v1/charter/quiz/attempts", json={"answers": [0, 2]}, headers=employee))
    world.ids["share"] = _created(client.post("/api/v1/shares", json={
        "link_id": world.ids["link"], "text": "Je travaille chez Acme : fier de notre équipe #Printemps",
        "targets": [{"network": "linkedin"}]}, headers={**employee, "Idempotency-Key": "seed-1"}))["id"]
    world.ids["proposal"] = _created(client.post("/api/v1/proposals", json={
        "url": "https://acme-energie.example/eolien", "note": "À partager ?"}, headers=employee))["id"]
    world.ids["feed"] = _created(client.post("/api/v1/feeds", json={
        "url": "https://acme-energie.example/actualites.rss", "title": "Actualités"}, headers=admin))["id"]
    csv = ("url,title,category,tags,departments,interests,campaign,not_before,not_after\n"
           "https://acme-energie.example/hydro,Hydro,sector,,,,,,\n")
    world.ids["import"] = _created(client.post("/api/v1/link-imports", data={
        "file": (io.BytesIO(csv.encode()), "links.csv"), "fetch_previews": "false"}, headers=admin,
        content_type="multipart/form-data"), 202)["id"]
    return world
