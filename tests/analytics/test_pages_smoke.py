from tests.conftest import sign_in_client


def test_smoke(client, world):
    for who, paths in (("alice", ["/results", "/results/campaigns", f"/results/campaigns/{world.campaign.id}",
                                  "/admin/results", "/impact", "/recognition", "/results/days.csv", "/account"]),
                       ("lea", ["/team", "/results", f"/campaigns/{world.campaign.id}"]),
                       ("camille", ["/impact", "/recognition", "/api/v1/me/impact"])):
        sign_in_client(client, world.people[who])
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (who, path, response.get_data(as_text=True)[-3000:])
