"""The live check for several networks: every rule once, the length per network, the same answer as one by one."""

import pytest

from server import networks as network_registry
from server.charter.engine import Context, compile
from server.charter.engine.per_network import check_for_networks
from tests.charter.conftest import DOCUMENT

RULES = {key: value for key, value in DOCUMENT.items() if key not in ("text", "quiz", "version")}
LONG = "Je travaille chez Acme : " + "notre parc éolien tourne à plein régime, " * 8 + "appelez le 06 12 34 56 78"


@pytest.mark.parametrize("text", [LONG, "Fier de Voltéo ? Non, de Projet Hélios #AcmeEnergie", "Bonjour", ""])
def test_checking_once_for_all_networks_gives_what_each_network_alone_gives(text):
    compiled = compile(RULES)
    lengths = {name: network_registry.get(name).length for name in ("linkedin", "x", "bluesky", "mastodon")}
    context = Context(link="https://acme-energie.example/news/1", suggested="Notre parc éolien", language="fr")
    together = check_for_networks(compiled, text, context, lengths)
    for name, limit in lengths.items():
        alone = compiled.check(text, Context(network=name, length=limit, link=context.link,
                                             suggested=context.suggested, language="fr"))
        assert together[name] == alone, name


def test_the_length_is_reported_only_for_the_networks_it_exceeds():
    compiled = compile(RULES)
    lengths = {name: network_registry.get(name).length for name in ("linkedin", "x")}
    results = check_for_networks(compiled, LONG, Context(), lengths)
    assert [f.rule for f in results["x"].findings if f.rule == "length"] == ["length"]
    assert not [f for f in results["linkedin"].findings if f.rule == "length"]
