"""What each finding says to the employee, in French and English.

Every finding carries a stable `message_key` and its `params`, so a page can re-render the message in
its own words or language; the engine also renders both languages itself from this catalogue.
Templates may use ``{excerpt}`` (the text the finding points at) and any of the finding's params.
"""

from __future__ import annotations

import string
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    "profanity": {
        "fr": "« {excerpt} » est vulgaire ou insultant : reformulez sans ce mot.",
        "en": "“{excerpt}” is vulgar or offensive: please rephrase without it.",
    },
    "banned_term": {
        "fr": "« {excerpt} » fait partie des termes interdits par la charte.",
        "en": "“{excerpt}” is a term the charter forbids.",
    },
    "confidential": {
        "fr": "« {excerpt} » est une information confidentielle : retirez-la.",
        "en": "“{excerpt}” is confidential information: remove it.",
    },
    "review_term": {
        "fr": "« {excerpt} » demande la relecture d'un modérateur avant publication.",
        "en": "“{excerpt}” needs a moderator's review before it is posted.",
    },
    "competitor": {
        "fr": "« {excerpt} » désigne un concurrent : vérifiez que la mention est appropriée.",
        "en": "“{excerpt}” names a competitor: make sure the mention is appropriate.",
    },
    "brand_spelling": {
        "fr": "La marque s'écrit « {canonical} ».",
        "en": "The brand is written “{canonical}”.",
    },
    "pii.email": {
        "fr": "Adresse e-mail : ne publiez pas de données personnelles.",
        "en": "E-mail address: do not publish personal data.",
    },
    "pii.phone": {
        "fr": "Numéro de téléphone : ne publiez pas de données personnelles.",
        "en": "Phone number: do not publish personal data.",
    },
    "pii.iban": {
        "fr": "IBAN : ne publiez jamais de coordonnées bancaires.",
        "en": "IBAN: never publish bank details.",
    },
    "pii.card": {
        "fr": "Numéro de carte bancaire : ne le publiez jamais.",
        "en": "Payment card number: never publish it.",
    },
    "pii.national_id": {
        "fr": "Numéro de sécurité sociale : ne le publiez jamais.",
        "en": "Social security number: never publish it.",
    },
    "secret": {
        "fr": "Ceci ressemble à un secret ({kind}) : ne le publiez pas et faites-le révoquer.",
        "en": "This looks like a secret ({kind}): do not post it, and have it revoked.",
    },
    "link_not_approved.not_allowed": {
        "fr": "Le lien vers {host} ne fait pas partie des domaines autorisés.",
        "en": "The link to {host} is not on an allowed domain.",
    },
    "link_not_approved.shortener": {
        "fr": "Un lien raccourci ({host}) cache sa destination : utilisez le lien approuvé.",
        "en": "A shortened link ({host}) hides where it leads: use the approved link.",
    },
    "link_not_approved.userinfo": {
        "fr": "Ce lien mène en réalité à {host} : ce qui précède « @ » est trompeur.",
        "en": "This link actually leads to {host}: the part before “@” is misleading.",
    },
    "link_not_approved.lookalike": {
        "fr": "{host} imite un domaine autorisé sans en être un.",
        "en": "{host} imitates an allowed domain but is not one.",
    },
    "disclosure_missing": {
        "fr": "Indiquez votre lien avec l'entreprise, par exemple « {marker} ».",
        "en": "Say that you work for the company, for example “{marker}”.",
    },
    "hashtags_max": {
        "fr": "{count} hashtags : la charte en autorise {max} au plus.",
        "en": "{count} hashtags: the charter allows at most {max}.",
    },
    "hashtag_required": {
        "fr": "Ajoutez le hashtag {hashtag}.",
        "en": "Add the hashtag {hashtag}.",
    },
    "length": {
        "fr": "Texte trop long : {count} caractères comptés, {max} au plus.",
        "en": "Text too long: {count} characters counted, {max} at most.",
    },
    "parrot": {
        "fr": "Votre texte reprend presque mot pour mot la suggestion ({percent} %) : personnalisez-le.",
        "en": "Your text is almost a copy of the suggestion ({percent}%): make it your own.",
    },
}

MESSAGE_KEYS = tuple(MESSAGES)

# Each template with the names of its fields, parsed once.
_TEMPLATES = {
    key: tuple(
        (language, template, tuple(name for _, name, _, _ in string.Formatter().parse(template) if name))
        for language, template in languages.items()
    )
    for key, languages in MESSAGES.items()
}


def render(message_key: str, excerpt: str, params: dict[str, Any]) -> dict[str, str]:
    """Both languages of a message, filled with the excerpt and the finding's params.

    Only templates we own are formatted, never user text; a missing param renders as empty.
    """
    values = {"excerpt": excerpt, **params}
    return {
        language: template.format_map({name: values.get(name, "") for name in fields})
        for language, template, fields in _TEMPLATES[message_key]
    }
