"""Suggestions: approved, valid links ranked for one employee — department, interests, campaigns, freshness,
the page they are on — leaving out what they cannot share or already shared."""

from datetime import timedelta

import pytest
from playhouse.test_utils import assert_query_count, count_queries

from server.db import utcnow
from server.library import share_sources
from server.library.campaigns import create_campaign
from server.library.interests import interests_named, set_interests_of
from server.library.models import Link, LinkStatus
from server.library.suggestions import suggest_links


@pytest.fixture
def headers(employee, bearer):
    return bearer(employee)


@pytest.fixture
def no_share_sources(monkeypatch):
    """Seam registrations are process-wide: each test starts and ends with its own."""
    monkeypatch.setattr(share_sources, "_sources", {"shared_links": None, "share_mix": None, "share_endpoint": None})


def titles(client, headers, **query):
    response = client.get("/api/v1/suggestions", query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return [s["link"]["title"] for s in response.get_json()]


def aged(link, days):
    Link.update(approved_at=utcnow() - timedelta(days=days)).where(Link.id == link.id).execute()
    return link


def test_only_approved_links_inside_their_window_are_suggested(client, headers, library):
    now = utcnow()
    library.add(title="Valide")
    library.add(title="Proposé", status=LinkStatus.PROPOSED)
    library.add(title="Sous embargo", not_before=now + timedelta(hours=1))
    library.add(title="Expiré", not_after=now - timedelta(minutes=1))
    library.add(title="Bientôt fini", not_after=now + timedelta(days=1))
    archived = library.add(title="Archivé")
    Link.update(status=LinkStatus.ARCHIVED).where(Link.id == archived.id).execute()
    assert sorted(titles(client, headers)) == ["Bientôt fini", "Valide"]


def test_links_aimed_at_other_departments_are_left_out(client, headers, library, employee, make_user):
    sales = make_user(department="Ventes").department
    library.add(title="Pour tous")
    library.add(title="Pour l'ingénierie", department_ids=[employee.department_id])
    library.add(title="Pour les ventes", department_ids=[sales.id])
    library.add(title="Ventes et ingénierie", department_ids=[sales.id, employee.department_id])
    assert sorted(titles(client, headers)) == ["Pour l'ingénierie", "Pour tous", "Ventes et ingénierie"]


def test_the_department_and_interests_raise_a_link_above_a_fresher_one(client, headers, library, employee,
                                                                       in_request):
    with in_request(employee):
        hydrogen, = interests_named(["Hydrogène"])
        set_interests_of(employee, [hydrogen.id])
    aged(library.add(title="Pour son équipe", department_ids=[employee.department_id]), 10)
    aged(library.add(title="Son sujet", interests=["Hydrogène"]), 10)
    library.add(title="Tout frais")
    ranked = client.get("/api/v1/suggestions", headers=headers).get_json()
    assert [s["link"]["title"] for s in ranked] == ["Pour son équipe", "Son sujet", "Tout frais"]
    assert ranked[0]["reasons"] == ["department"] and ranked[1]["reasons"] == ["interests"]
    assert ranked[2]["reasons"] == ["new"]


def test_freshness_orders_links_that_are_otherwise_equal(client, headers, library):
    aged(library.add(title="Vieux"), 30)
    aged(library.add(title="Récent"), 1)
    aged(library.add(title="Moyen"), 7)
    assert titles(client, headers) == ["Récent", "Moyen", "Vieux"]


def test_a_running_campaign_raises_its_links_for_its_audience_only(client, headers, library, curator, employee,
                                                                   in_request, make_user, bearer):
    now = utcnow()
    sales_person = make_user(department="Ventes")
    with in_request(curator):
        running = create_campaign(curator, name="Transition", starts_at=now - timedelta(days=1),
                                  ends_at=now + timedelta(days=5))
        over = create_campaign(curator, name="Passée", starts_at=now - timedelta(days=20),
                               ends_at=now - timedelta(days=10))
        for_sales = create_campaign(curator, name="Ventes", department_ids=[sales_person.department_id])
    aged(library.add(title="Campagne en cours", campaign_id=running.id), 10)
    aged(library.add(title="Campagne passée", campaign_id=over.id), 10)
    library.add(title="Hors campagne")
    library.add(title="Campagne des ventes", campaign_id=for_sales.id)
    ranked = client.get("/api/v1/suggestions", headers=headers).get_json()
    assert [s["link"]["title"] for s in ranked] == ["Campagne en cours", "Hors campagne", "Campagne passée"]
    assert ranked[0]["reasons"] == ["campaign"] and ranked[0]["link"]["campaign"]["name"] == "Transition"
    assert "Campagne des ventes" in titles(client, bearer(sales_person))


def test_the_page_the_caller_is_on_comes_first_then_what_matches_its_text(client, headers, library):
    library.add(title="Le marché de l'électricité en 2025", description="Prix, contrats et ARENH.")
    library.add(title="Recrutement d'ingénieurs", description="Quarante postes ouverts.")
    library.add("https://news.example.org/hydrogene-vert", title="Hydrogène vert : l'usine de Dunkerque",
                description="Électrolyseurs géants.")
    ranked = client.get("/api/v1/suggestions", headers=headers, query_string={
        "context_text": "Les électrolyseurs et l'hydrogène vert changent l'industrie. Hydrogène partout !"}).get_json()
    assert ranked[0]["link"]["title"] == "Hydrogène vert : l'usine de Dunkerque"
    assert "context" in ranked[0]["reasons"]
    on_page = client.get("/api/v1/suggestions", headers=headers, query_string={
        "context_url": "https://NEWS.example.org/hydrogene-vert?utm_source=linkedin"}).get_json()
    assert on_page[0]["link"]["url"] == "https://news.example.org/hydrogene-vert"
    assert on_page[0]["reasons"][:2] == ["this_page", "context"]
    by_address = titles(client, headers, context_url="https://blog.example.net/2025/marche-electricite-prix")
    assert by_address[0] == "Le marché de l'électricité en 2025"


def test_links_the_caller_already_shared_are_left_out_through_the_share_seam(client, headers, library, employee,
                                                                            no_share_sources):
    shared = library.add(title="Déjà partagé")
    library.add(title="Pas encore")
    assert sorted(titles(client, headers)) == ["Déjà partagé", "Pas encore"]
    seen = []

    def shared_by(user):
        seen.append(user.id)
        return Link.select(Link.id).where(Link.id == shared.id)

    share_sources.register_shared_links_source(shared_by)
    assert titles(client, headers) == ["Pas encore"]
    assert seen == [employee.id]


def test_each_suggestion_carries_one_caption_idea_in_the_callers_language(client, library, make_user, bearer,
                                                                          in_request, curator):
    from server.library.kits import replace_kit

    link = library.add(title="Kit", language="fr")
    with in_request(curator):
        replace_kit(curator, link.id, [{"language": "fr", "text": f"Idée {n}"} for n in range(3)]
                    + [{"language": "en", "text": "Idea in English"}])
    french = [make_user(locale="fr") for _ in range(3)]
    ideas = {client.get("/api/v1/suggestions", headers=bearer(person)).get_json()[0]["caption_idea"]["text"]
             for person in french}
    assert ideas == {"Idée 0", "Idée 1", "Idée 2"}, "three colleagues, three different ideas"
    english = client.get("/api/v1/suggestions", headers=bearer(make_user(locale="en"))).get_json()[0]
    assert english["caption_idea"] == {"language": "en", "text": "Idea in English"}
    assert english["idea_count"] == 1


def test_suggestions_cost_the_same_queries_for_3_or_60_links(client, headers, library, employee, in_request,
                                                             curator):
    with in_request(employee):
        set_interests_of(employee, [i.id for i in interests_named(["Solaire", "Éolien"])])
    with in_request(curator):
        campaign = create_campaign(curator, name="En cours")

    def fill(count):
        for n in range(count):
            library.add(interests=["Solaire"] if n % 2 else [], campaign_id=campaign.id if n % 3 else None,
                        department_ids=[employee.department_id] if n % 5 == 0 else [])

    fill(3)
    client.get("/api/v1/me", headers=headers)  # the token's first use is recorded once
    with count_queries() as few:
        assert len(client.get("/api/v1/suggestions", headers=headers).get_json()) == 3
    fill(57)
    with assert_query_count(few.count):
        assert len(client.get("/api/v1/suggestions", query_string={"limit": 50}, headers=headers).get_json()) == 50


def test_paging_through_suggestions(client, headers, library):
    for n in range(7):
        aged(library.add(title=f"Lien {n}"), n)
    first = titles(client, headers, limit=3)
    second = titles(client, headers, limit=3, offset=3)
    assert first == ["Lien 0", "Lien 1", "Lien 2"] and second == ["Lien 3", "Lien 4", "Lien 5"]


@pytest.mark.parametrize("query, field", [
    ({"limit": 0}, "limit"), ({"limit": 51}, "limit"), ({"offset": -1}, "offset"), ({"offset": 151}, "offset"),
    ({"context_text": "x" * 20_001}, "context_text"), ({"limit": "many"}, "limit"),
])
def test_bad_parameters_are_422_naming_them(client, headers, query, field):
    response = client.get("/api/v1/suggestions", query_string=query, headers=headers)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_a_caller_without_department_or_interests_still_gets_the_fresh_links(library, make_user, app):
    loner = make_user()
    library.add(title="Pour tous")
    with app.test_request_context():
        assert [s.link.title for s in suggest_links(loner)] == ["Pour tous"]
