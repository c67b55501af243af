"""What Acme Énergie's demo charter says: its rules, its text in French and English, its quiz.

Acme Énergie and its products (ÉnergiePlus, WattFlex, SolairePro), competitors and code names are
fictional. The "neutre en carbone" ban reflects French law (loi Climat et résilience, 2021), which
forbids absolute carbon-neutrality claims in advertising.
"""

RULES_V1 = {
    "name": "Charte réseaux sociaux d'Acme Énergie",
    "languages": ["fr", "en"],
    "region": "FR",
    "banned_terms": ["arnaque", "scam"],
    "confidential_terms": ["Projet Hélios", "Hélios", "Borealis", "usage interne", "diffusion restreinte",
                           "internal only", "do not share"],
    "review_terms": ["rachat", "OPA", "grève", "plan social", "licenciement", "licenciements",
                     "résultats trimestriels", "acquisition", "strike", "layoffs", "quarterly results"],
    "competitors": ["Voltéo", "NordWatt", "Hexa Énergies"],
    "brand_terms": ["ÉnergiePlus", "WattFlex", "SolairePro"],
    "allowed_domains": ["acme-energie.example"],
    "disclosure": {"required": True, "markers": ["#AcmeEnergie", "je travaille chez Acme", "I work at Acme"]},
    "hashtags": {"max": 3, "required": []},
    "pii": True,
    "secrets": True,
    "originality": {"max_similarity": 0.9},
    "severity": {"competitor": "review"},
}

RULES_V2 = {
    **RULES_V1,
    "banned_terms": [*RULES_V1["banned_terms"], "neutre en carbone", "100 % écologique", "zéro impact",
                     "carbon neutral", "100% green"],
    "disclosure": {"required": True, "markers": [*RULES_V1["disclosure"]["markers"], "#AcmeEmployee",
                                                 "je suis salarié d'Acme", "je suis salariée d'Acme"]},
    "hashtags": {"max": 5, "required": []},
}

_FR_INTRO = """# Charte de prise de parole sur les réseaux sociaux

Chez Acme Énergie, chacun peut partager l'actualité de l'entreprise **avec ses propres mots**. Cette charte \
vous protège autant qu'elle protège l'entreprise ; elle se lit en cinq minutes.

## 1. Parlez en votre nom

- Vous publiez sur **votre** compte : votre avis, votre expérience, votre ton.
- Ne recopiez pas mot pour mot le texte suggéré : personnalisez-le.
- Participer est volontaire ; personne ne publie à votre place.

## 2. Dites que vous travaillez chez Acme

Mentionnez toujours votre lien avec l'entreprise : **#AcmeEnergie**, « je travaille chez Acme »… Vos lecteurs \
doivent savoir que vous parlez de votre employeur.

## 3. Ce qui reste confidentiel

- Les noms de code des projets non annoncés, les chiffres non publiés, tout document marqué « usage interne » \
ou « diffusion restreinte ».
- Les données personnelles : adresses e-mail, numéros de téléphone, coordonnées bancaires — les vôtres comme \
celles des clients et des collègues.
- Les mots de passe, codes d'accès et clés d'API, même dans une capture d'écran.
"""

_FR_RESPECT_V1 = """
## 4. Respect et exactitude

- Pas d'insultes, de propos vulgaires, racistes ou sexistes.
- Écrivez nos marques correctement : **ÉnergiePlus**, **WattFlex**, **SolairePro**.
- Citez les concurrents avec courtoisie ; un modérateur relit ces publications.
"""

_FR_RESPECT_V2 = """
## 4. Respect et exactitude

- Pas d'insultes, de propos vulgaires, racistes ou sexistes.
- Pas d'allégation environnementale absolue (« neutre en carbone », « 100 % écologique ») : décrivez des faits \
vérifiables, par exemple la part d'électricité renouvelable d'ÉnergiePlus.
- Écrivez nos marques correctement : **ÉnergiePlus**, **WattFlex**, **SolairePro**.
- Citez les concurrents avec courtoisie ; un modérateur relit ces publications.
"""

_FR_END_V1 = """
## 5. Sujets sensibles

Rachat, grève, plan social, résultats financiers : ces sujets passent par un modérateur avant publication. \
En cas de doute, demandez à l'équipe Communication.

## 6. Liens

Partagez les liens approuvés ou ceux du site **acme-energie.example**.

*Porte-Voix vérifie chaque publication avant son envoi et vous explique ce qui ne va pas, avec une correction \
quand c'est possible.*
"""

_FR_END_V2 = _FR_END_V1.replace(
    "Partagez les liens approuvés ou ceux du site **acme-energie.example**.",
    "Partagez les liens approuvés ou ceux du site **acme-energie.example**. Pas de liens raccourcis : vos "
    "lecteurs doivent voir où ils vont.")

_EN_INTRO = """# Social media charter

At Acme Énergie, everyone may share the company's news **in their own words**. This charter protects you as \
much as it protects the company; it takes five minutes to read.

## 1. Speak for yourself

- You post on **your** account: your opinion, your experience, your tone.
- Do not copy the suggested text word for word: make it your own.
- Taking part is voluntary; nobody ever posts on your behalf.

## 2. Say that you work at Acme

Always mention your link with the company: **#AcmeEnergie**, "I work at Acme"… Your readers must know that you \
are talking about your employer.

## 3. What stays confidential

- Code names of projects not yet announced, unpublished figures, any document marked "internal only".
- Personal data: e-mail addresses, phone numbers, bank details — yours as well as customers' and colleagues'.
- Passwords, access codes and API keys, even in a screenshot.
"""

_EN_RESPECT_V1 = """
## 4. Respect and accuracy

- No insults, no vulgar, racist or sexist language.
- Spell our brands right: **ÉnergiePlus**, **WattFlex**, **SolairePro**.
- Mention competitors courteously; a moderator reviews such posts.
"""

_EN_RESPECT_V2 = """
## 4. Respect and accuracy

- No insults, no vulgar, racist or sexist language.
- No absolute environmental claims ("carbon neutral", "100% green"): state verifiable facts instead, such as \
the share of renewable electricity in ÉnergiePlus.
- Spell our brands right: **ÉnergiePlus**, **WattFlex**, **SolairePro**.
- Mention competitors courteously; a moderator reviews such posts.
"""

_EN_END_V1 = """
## 5. Sensitive topics

Acquisitions, strikes, layoffs, financial results: these topics go through a moderator before they are posted. \
When in doubt, ask the Communication team.

## 6. Links

Share the approved links or links to **acme-energie.example**.

*Porte-Voix checks every post before it is sent and explains what is wrong, with a fix whenever it can.*
"""

_EN_END_V2 = _EN_END_V1.replace(
    "Share the approved links or links to **acme-energie.example**.",
    "Share the approved links or links to **acme-energie.example**. No shortened links: your readers must see "
    "where they lead.")

TEXT_V1 = {"fr": _FR_INTRO + _FR_RESPECT_V1 + _FR_END_V1, "en": _EN_INTRO + _EN_RESPECT_V1 + _EN_END_V1}
TEXT_V2 = {"fr": _FR_INTRO + _FR_RESPECT_V2 + _FR_END_V2, "en": _EN_INTRO + _EN_RESPECT_V2 + _EN_END_V2}

QUIZ = [
    {
        "question": {"fr": "Vous partagez un article sur la nouvelle offre ÉnergiePlus. Que faut-il ajouter à "
                           "votre texte ?",
                     "en": "You share an article about the new ÉnergiePlus offer. What must your text include?"},
        "choices": [
            {"fr": "Rien : c'est mon compte personnel", "en": "Nothing: it is my personal account"},
            {"fr": "Mon lien avec Acme, par exemple « je travaille chez Acme » ou #AcmeEnergie",
             "en": "My link with Acme, for example \"I work at Acme\" or #AcmeEnergie"},
            {"fr": "Le logo d'Acme Énergie", "en": "Acme Énergie's logo"},
        ],
        "answer": 1,
        "explanation": {
            "fr": "Vos lecteurs doivent savoir que vous parlez de votre employeur : c'est une exigence de "
                  "transparence (recommandations de l'ARPP en France, règles de la FTC aux États-Unis).",
            "en": "Your readers must know that you are talking about your employer: transparency rules require "
                  "it (ARPP recommendations in France, the FTC's Endorsement Guides in the United States)."},
    },
    {
        "question": {"fr": "Un collègue vous parle d'un projet au nom de code encore jamais annoncé. Pouvez-vous "
                           "en parler en ligne ?",
                     "en": "A colleague tells you about a project whose code name has never been announced. May "
                           "you mention it online?"},
        "choices": [
            {"fr": "Oui, si je ne donne aucun chiffre", "en": "Yes, if I give no figures"},
            {"fr": "Oui, mais seulement sur LinkedIn", "en": "Yes, but only on LinkedIn"},
            {"fr": "Non, tant que l'entreprise ne l'a pas annoncé", "en": "No, not until the company announces it"},
        ],
        "answer": 2,
        "explanation": {
            "fr": "Un nom de code est confidentiel jusqu'à l'annonce officielle, quel que soit le réseau. Porte-Voix "
                  "bloque ces publications.",
            "en": "A code name stays confidential until the official announcement, whatever the network. Porte-Voix "
                  "blocks such posts."},
    },
    {
        "question": {"fr": "Vous voulez écrire que l'offre ÉnergiePlus est « neutre en carbone ». Que se passe-t-il ?",
                     "en": "You want to write that the ÉnergiePlus offer is \"carbon neutral\". What happens?"},
        "choices": [
            {"fr": "Rien, c'est un argument positif", "en": "Nothing, it is a selling point"},
            {"fr": "La publication est bloquée : décrivez plutôt des faits vérifiables",
             "en": "The post is blocked: state verifiable facts instead"},
            {"fr": "Elle est publiée avec un avertissement", "en": "It is posted with a warning"},
        ],
        "answer": 1,
        "explanation": {
            "fr": "La loi Climat et résilience interdit en France d'affirmer dans une publicité qu'un produit est "
                  "neutre en carbone. Parlez plutôt de la part d'électricité renouvelable, chiffres publiés à l'appui.",
            "en": "French law (loi Climat et résilience) forbids claiming in advertising that a product is carbon "
                  "neutral. Talk about the share of renewable electricity instead, with published figures."},
    },
    {
        "question": {"fr": "Des rumeurs de grève circulent et vous voulez en parler. Que fait Porte-Voix ?",
                     "en": "There are rumours of a strike and you want to talk about it. What does Porte-Voix do?"},
        "choices": [
            {"fr": "Il refuse la publication", "en": "It refuses the post"},
            {"fr": "Un modérateur la relit avant publication", "en": "A moderator reviews it before it is posted"},
            {"fr": "Il la publie tout de suite", "en": "It posts it at once"},
        ],
        "answer": 1,
        "explanation": {
            "fr": "Les sujets sensibles (grève, plan social, rachat) passent par un modérateur : il vérifie "
                  "qu'aucune information confidentielle ne circule et vous aide à formuler votre message.",
            "en": "Sensitive topics (strikes, layoffs, acquisitions) go through a moderator, who makes sure no "
                  "confidential information leaks and helps you word your message."},
    },
]
