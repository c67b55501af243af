"""Secrets: credentials recognised from their documented shapes, blocked wherever they appear."""

import pytest

CHARTER = {"languages": [], "pii": False, "allowed_domains": ["acme.com"]}
JWT = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ."
       "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----"

SECRETS = [
    # (kind, secret as it appears in a post)
    ("aws_access_key", "AKIAIOSFODNN7EXAMPLE"),
    ("aws_secret_key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("github_token", "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"),
    ("github_token", "gho_" + "a" * 36),
    ("github_token", "github_pat_" + "11ABCDEFG0" + "x" * 72),
    ("gitlab_token", "glpat-" + "abcdefghij0123456789"),
    ("slack_token", "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("slack_webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
    ("stripe_key", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
    ("stripe_key", "rk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
    ("google_api_key", "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"),
    ("jwt", JWT),
    ("private_key", PRIVATE_KEY),
    ("sendgrid_key", "SG." + "a" * 22 + "." + "b" * 43),
    ("npm_token", "npm_" + "a1B2" * 9),
    ("openai_key", "sk-proj-" + "a1B2_c3D4-" * 5),
    ("aws_secret_key", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("url_credentials", "https://admin:hunter2@db.acme.com"),
]


@pytest.mark.parametrize(("kind", "secret"), SECRETS)
def test_secrets_are_blocked_and_named_by_kind(check, kind, secret):
    text = f"Voici la config : {secret} (ne pas partager)"
    findings = [f for f in check(text, CHARTER).findings if f.rule == "secret"]
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.severity, finding.params["kind"]) == ("block", kind)
    assert finding.excerpt in secret or secret in finding.excerpt
    assert text[finding.start : finding.end] == finding.excerpt


@pytest.mark.parametrize("text", [
    "AKIA is an acronym", "sk_live_ is our prefix", "ghp_short", "xox", "eyJ", "PRIVATE KEY is a phrase",
    "the AWS secret is safe", "https://acme.com:8080/path", "SKU 1234", "AIza", "a risk-averse sk-proj-x",
])
def test_things_that_merely_start_like_secrets_are_not_secrets(check, found, text):
    assert found(check(text, CHARTER), "secret") == []


def test_secrets_rule_only_runs_when_the_charter_asks(check, found):
    assert found(check("AKIAIOSFODNN7EXAMPLE", {**CHARTER, "secrets": False}), "secret") == []
