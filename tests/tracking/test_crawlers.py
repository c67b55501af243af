"""The click filter against real user agents from public corpora (tests/tracking/corpora/README.md):
every person counted, whatever app they read in; at least 97 % of robots of each corpus left out."""

import json
import os

import crawleruseragents
import pytest

from server.tracking.crawlers import is_crawler, is_prefetch

CORPORA = os.path.join(os.path.dirname(__file__), "corpora")
ROBOTS_LEFT_OUT = 0.97


def corpus(name):
    with open(os.path.join(CORPORA, name), encoding="utf-8") as handle:
        return [line for line in handle.read().splitlines() if line]


def crawler_dataset_examples():
    path = os.path.join(os.path.dirname(crawleruseragents.__file__), "crawler-user-agents.json")
    with open(path, encoding="utf-8") as handle:
        return sorted({example for entry in json.load(handle) for example in entry.get("instances", [])})


@pytest.mark.parametrize("name", ["browsers-matomo.txt", "in-app-matomo.txt", "browsers-intoli.txt"])
def test_every_person_is_counted(name):
    people = corpus(name)
    assert len(people) >= 400
    taken_for_robots = [agent for agent in people if is_crawler(agent)]
    assert taken_for_robots == []


@pytest.mark.parametrize("name", ["robots-matomo.txt", "libraries-matomo.txt", "crawler-user-agents"])
def test_at_least_97_percent_of_robots_are_left_out(name):
    robots = crawler_dataset_examples() if name == "crawler-user-agents" else corpus(name)
    assert len(robots) >= 100
    counted = [agent for agent in robots if not is_crawler(agent)]
    assert len(counted) / len(robots) <= 1 - ROBOTS_LEFT_OUT, counted[:20]


def test_the_corpora_hold_hundreds_of_each_kind():
    robots = corpus("robots-matomo.txt") + corpus("libraries-matomo.txt") + crawler_dataset_examples()
    people = corpus("browsers-matomo.txt") + corpus("in-app-matomo.txt") + corpus("browsers-intoli.txt")
    assert len(set(robots)) > 3000
    assert len(set(people)) > 1800


@pytest.mark.parametrize("token", ["[LinkedInApp]", "FBAN/FBIOS", "FB_IAB/FB4A", "Instagram", "Twitter",
                                   "MicroMessenger", "Line/", "Snapchat", "; wv)"])
def test_in_app_browsers_of_the_networks_are_in_the_corpus_and_counted(token):
    agents = [agent for agent in corpus("in-app-matomo.txt") if token in agent]
    assert agents
    assert not any(is_crawler(agent) for agent in agents)


@pytest.mark.parametrize("word", ["Java/", "http.rb", "Google-HTTP-Java-Client", "curl/", "Wget", "python-requests",
                                  "Python-urllib", "Go-http-client", "okhttp", "Apache-HttpClient", "axios"])
def test_http_libraries_named_by_the_datasets_are_left_out(word):
    agents = [agent for agent in crawler_dataset_examples() + corpus("libraries-matomo.txt") if word in agent]
    assert agents
    assert all(is_crawler(agent) for agent in agents)


def test_no_user_agent_is_a_robot():
    assert is_crawler("")
    assert is_crawler(None)
    assert is_crawler("Mozilla/5.0")


def test_prefetch_and_prerender_are_not_clicks():
    assert is_prefetch({"Sec-Purpose": "prefetch;prerender"})
    assert is_prefetch({"Purpose": "prefetch"})
    assert not is_prefetch({"Accept": "text/html"})
