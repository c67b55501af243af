"""PV_OUTBOUND_ALLOW: read from the environment, checked when the server starts."""

import pytest
from flask import Flask

from server.config import configure, read_environment
from server.outbound import OutboundClient


def test_the_allow_list_is_read_as_comma_separated_entries():
    settings = read_environment({"PV_OUTBOUND_ALLOW": "10.20.0.0/16, sso.acme.internal,"})
    assert settings == {"OUTBOUND_ALLOW": ["10.20.0.0/16", "sso.acme.internal"]}
    client = OutboundClient.from_config(settings)
    assert client.policy.hosts == {"sso.acme.internal"} and [str(n) for n in client.policy.exceptions] == [
        "10.20.0.0/16"]


def test_a_server_with_an_unusable_entry_does_not_start(tmp_path):
    app = Flask("outbound_setting", instance_path=str(tmp_path))
    with pytest.raises(SystemExit, match="PV_OUTBOUND_ALLOW"):
        configure(app, {"OUTBOUND_ALLOW": ["https://sso.acme.internal/"], "SECRET_KEY": "k"})
