"""Passwords and Wi-Fi codes given in the text are secrets."""

import pytest

PASSWORDS = [
    # (text, excerpt, kind)
    ("password: Hunter2!", "Hunter2!", "password"),
    ("Password = s3cr3t", "s3cr3t", "password"),
    ("pwd=toto1234", "toto1234", "password"),
    ("PWD: Acme2024", "Acme2024", "password"),
    ("mdp = soleil", "soleil", "password"),
    ("MDP : Soleil2024", "Soleil2024", "password"),
    ("le mot de passe est Azerty123.", "Azerty123", "password"),
    ("mot de passe : \"Bonjour#1\"", "Bonjour#1", "password"),
    ("passwd: 9f8e7d6c", "9f8e7d6c", "password"),
    ("the passcode is 4821-77", "4821-77", "password"),
    ("Code wifi : BoxAcme-2024", "BoxAcme-2024", "wifi_password"),
    ("Wi-Fi password is guest2024", "guest2024", "wifi_password"),
    ("wifi: AcmeGuest!", "AcmeGuest!", "wifi_password"),
    ("clé wifi : 7Hk2-PqR9", "7Hk2-PqR9", "wifi_password"),
    ("WiFi code = welcome", "welcome", "wifi_password"),
    ("code d'accès : 1234A", "1234A", "password"),
]


@pytest.mark.parametrize(("text", "excerpt", "kind"), PASSWORDS)
def test_a_password_given_in_words_is_a_secret(check, text, excerpt, kind):
    result = check(text)
    assert [(f.rule, f.excerpt, f.params["kind"]) for f in result.findings] == [("secret", excerpt, kind)]
    assert result.verdict == "block"


CLEAN = [
    "password: required",
    "Mot de passe : à changer tous les 90 jours",
    "password: ********",
    "password: <your password>",
    "pwd=${DB_PASSWORD}",
    "Le pass Navigo est pratique",
    "passion: Hunter2",
    "le wifi est rapide au bureau",
    "Reset your password: https://acme.com/reset",
    "Choose a strong password: long and unique",
    "mot de passe oublié ? Cliquez sur le lien",
    "our Wi-Fi is free for visitors",
    "pass the ball",
]


@pytest.mark.parametrize("text", CLEAN)
def test_talking_about_passwords_is_not_a_secret(check, found, text):
    assert found(check(text, {"allowed_domains": ["acme.com"]}), "secret") == []
