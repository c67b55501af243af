"""The demo library of Acme Énergie: approved links in French and English across product, culture and
sector, with kits, a campaign with its hashtag, a feed and a proposal waiting for approval.

Everything is written here (no page is fetched: the demo must work without a network); previews use the
category's placeholder instead of images.
"""

from datetime import timedelta

from server.db import utcnow
from server.demo import demo_seeder
from server.library import campaigns, interests
from server.library.feed_subscriptions import subscribe_feed
from server.library.kits import replace_kit
from server.library.links import add_link, find_by_url
from server.library.models import Campaign, Feed, LinkSource, LinkStatus, Moderation, url_hash
from server.library.urls import canonical_url

SITE = "https://www.acme-energie.example"
INTERESTS = ("Hydrogène", "Solaire", "Recrutement", "Innovation", "RSE", "Mobilité électrique")

# url, title, description, site, language, category, tags, interests, departments, in campaign, captions
LINKS = (
    (f"{SITE}/actualites/parc-solaire-occitanie", "Acme Énergie inaugure son plus grand parc solaire en Occitanie",
     "120 MWc, 200 000 panneaux et l'équivalent de la consommation de 60 000 foyers : le parc de Lunel entre en "
     "service.", "Acme Énergie", "fr", "product", ["solaire", "Occitanie"], ["Solaire"], [], True,
     [("fr", "Fier·e de voir le parc de Lunel entrer en service : 60 000 foyers alimentés par le soleil "
             "d'Occitanie. #AcmeEnergie #TransitionAcme"),
      ("fr", "Ce qui me frappe dans ce projet : 18 mois de chantier, zéro accident. Bravo aux équipes ! "
             "#AcmeEnergie #TransitionAcme"),
      ("en", "Our biggest solar park yet is live in Occitanie: 120 MWp for 60,000 homes. #AcmeEnergie "
             "#TransitionAcme")]),
    (f"{SITE}/actualites/offre-hydrogene-industriels", "Une offre d'hydrogène vert pour les industriels du Grand Est",
     "Acme Énergie fournira dès 2026 de l'hydrogène produit par électrolyse à trois sites sidérurgiques.",
     "Acme Énergie", "fr", "product", ["hydrogène", "industrie"], ["Hydrogène"], ["Ventes"], True,
     [("fr", "L'hydrogène vert quitte les démonstrateurs pour entrer dans les usines : une étape concrète. "
             "#AcmeEnergie #TransitionAcme")]),
    (f"{SITE}/en/news/smart-charging-app", "Acme Énergie launches smart charging for electric fleets",
     "Charge when the grid is green and cheap: the new app schedules charging for company fleets.",
     "Acme Énergie", "en", "product", ["EV", "app"], ["Mobilité électrique"], [], False,
     [("en", "Smart charging is the quiet hero of fleet electrification. Proud of what our team shipped. #AcmeEnergie"),
      ("fr", "Recharger quand le réseau est vert et bon marché : notre nouvelle appli pour les flottes. "
             "#AcmeEnergie")]),
    (f"{SITE}/carrieres/ingenieurs-reseaux", "Nous recrutons 40 ingénieurs réseaux en 2025",
     "Postes à Lyon, Nantes et Toulouse : rejoignez les équipes qui raccordent les énergies renouvelables.",
     "Acme Énergie", "fr", "culture", ["recrutement", "emploi"], ["Recrutement"], ["Ingénierie", "Ressources humaines"],
     True, [("fr", "On recrute ! Si tu veux raccorder le solaire et l'éolien au réseau, parlons-en. #AcmeEnergie "
                   "#TransitionAcme"),
            ("fr", "40 postes d'ingénieurs réseaux ouverts chez nous : je peux vous parler de l'équipe. "
                   "#AcmeEnergie #TransitionAcme"),
            ("en", "We're hiring 40 grid engineers in Lyon, Nantes and Toulouse. #AcmeEnergie #TransitionAcme")]),
    (f"{SITE}/blog/journee-benevolat", "Journée solidaire : 300 collègues sur le terrain",
     "Rénovation d'écoles, ateliers d'économies d'énergie : retour sur notre journée de bénévolat annuelle.",
     "Le blog Acme Énergie", "fr", "culture", ["bénévolat", "RSE"], ["RSE"], [], False,
     [("fr", "Une journée à isoler les combles d'une école de quartier : ça fait du bien de voir l'impact. "
             "#AcmeEnergie")]),
    (f"{SITE}/en/blog/women-in-engineering", "Women in engineering: five colleagues, five paths",
     "From field technician to head of grid planning, five engineers share how they got here.",
     "Acme Énergie Blog", "en", "culture", ["diversity", "engineering"], ["Recrutement"], [], False,
     [("en", "Five inspiring paths into engineering — and yes, one of them started as an apprentice. #AcmeEnergie")]),
    (f"{SITE}/blog/teletravail-accord", "Télétravail : notre nouvel accord en trois points",
     "Deux jours par semaine, un forfait équipement et le droit à la déconnexion, signés avec les partenaires "
     "sociaux.", "Le blog Acme Énergie", "fr", "culture", ["travail hybride"], [], ["Ressources humaines"], False, []),
    ("https://www.energie-actu.example/2025/transition-reseaux-electriques",
     "Réseaux électriques : 100 milliards d'euros à investir d'ici 2040",
     "Le gestionnaire du réseau de transport détaille son plan pour raccorder les renouvelables et l'éolien en mer.",
     "Énergie Actu", "fr", "sector", ["réseaux", "investissement"], ["Innovation"], [], False,
     [("fr", "Les réseaux sont le nerf de la transition : cet article résume bien l'ampleur du défi. #AcmeEnergie")]),
    ("https://www.energie-actu.example/2025/prix-electricite-marche",
     "Prix de l'électricité : ce qui change pour les entreprises en 2025",
     "Fin de l'ARENH, nouveaux contrats de long terme : le décryptage des mécanismes qui arrivent.",
     "Énergie Actu", "fr", "sector", ["marché", "prix"], [], ["Finance", "Ventes"], False,
     [("fr", "Un bon décryptage de la fin de l'ARENH pour nos clients professionnels. #AcmeEnergie")]),
    ("https://www.cleantech-weekly.example/green-hydrogen-costs-2030",
     "Green hydrogen costs could halve by 2030, study finds",
     "Cheaper electrolysers and renewable power put green hydrogen within reach of heavy industry.",
     "Cleantech Weekly", "en", "sector", ["hydrogen", "study"], ["Hydrogène", "Innovation"], [], True,
     [("en", "Encouraging numbers for green hydrogen. The next five years will be decisive. #AcmeEnergie "
             "#TransitionAcme")]),
    ("https://www.cleantech-weekly.example/solar-recycling",
     "What happens to solar panels at the end of their life?",
     "Recycling rates above 90 % are now possible: a look at Europe's first industrial-scale plants.",
     "Cleantech Weekly", "en", "sector", ["solar", "recycling"], ["Solaire", "RSE"], [], False, []),
    ("https://www.lemonde-energie.example/eolien-en-mer-bretagne",
     "Éolien en mer : le parc de Saint-Brieuc tourne à plein régime",
     "62 éoliennes, 496 MW : premier bilan d'un chantier hors norme au large des côtes bretonnes.",
     "Le Monde de l'énergie", "fr", "sector", ["éolien en mer"], ["Innovation"], [], False,
     [("fr", "62 éoliennes au large de la Bretagne : impressionnant de voir la filière française grandir. "
             "#AcmeEnergie")]),
    ("https://www.ademe.example/etude-sobriete-entreprises",
     "Sobriété énergétique : les entreprises ont réduit leur consommation de 12 %",
     "L'étude annuelle mesure l'effet des plans de sobriété dans 2 000 entreprises françaises.",
     "ADEME", "fr", "sector", ["sobriété", "étude"], ["RSE"], [], False, []),
    ("https://www.electrive.example/charging-points-europe",
     "Europe passes one million public charging points",
     "The milestone comes earlier than expected, but coverage remains uneven between countries.",
     "Electrive", "en", "sector", ["EV", "charging"], ["Mobilité électrique"], [], False,
     [("en", "A million public chargers in Europe. Coverage is the next challenge. #AcmeEnergie")]),
    ("https://www.usine-nouvelle.example/electrolyseurs-made-in-france",
     "Électrolyseurs : la filière française passe à l'échelle industrielle",
     "Trois gigausines en construction : la France veut produire ses propres électrolyseurs.",
     "L'Usine Nouvelle", "fr", "sector", ["hydrogène", "industrie"], ["Hydrogène"], ["Ingénierie"], False,
     [("fr", "Produire nos électrolyseurs en France, c'est aussi de l'emploi industriel : bonne nouvelle. "
             "#AcmeEnergie")]),
)


@demo_seeder
def seed_library(people):
    """Add the demo library (once: an existing library is left as it is)."""
    admin = people["admin@acme-energie.example"]
    if find_by_url(canonical_url(LINKS[0][0])) is not None:
        return
    from server.auth.models import Department

    departments = {d.name: d.id for d in Department.select()}
    interests.interests_named(INTERESTS)
    now = utcnow()
    campaign = Campaign.get_or_none(Campaign.name == "Semaine de la transition") or campaigns.create_campaign(
        admin, name="Semaine de la transition", hashtag="TransitionAcme",
        objective="Faire connaître nos projets renouvelables et nos métiers pendant la semaine de la transition.",
        starts_at=now - timedelta(days=2), ends_at=now + timedelta(days=12), target_shares=300, target_clicks=2000,
        moderation=Moderation.TERMS)
    for index, (url, title, description, site, language, category, tags, link_interests, link_departments,
                in_campaign, captions) in enumerate(LINKS):
        link = add_link(admin, url, status=LinkStatus.APPROVED, source=LinkSource.DEMO, fetch_preview=False,
                        title=title, description=description, site_name=site, language=language, category=category,
                        tags=tags, interests=link_interests, department_ids=[departments[d] for d in link_departments
                                                                             if d in departments],
                        campaign_id=campaign.id if in_campaign else None)
        # Spread the approvals over the last weeks so that freshness shows in the ranking.
        link.approved_at = link.created_at = now - timedelta(days=index * 2, hours=index)
        link.save()
        if captions:
            replace_kit(admin, link.id, [{"language": lang, "text": text} for lang, text in captions])
    _seed_sourcing(people, now)


def _seed_sourcing(people, now):
    admin, camille = people["admin@acme-energie.example"], people["camille@acme-energie.example"]
    feed_url = "https://www.energie-actu.example/feed.xml"
    if not Feed.select().where(Feed.url_hash == url_hash(feed_url)).exists():
        feed = subscribe_feed(admin, feed_url, poll_now=False, title="Énergie Actu", category="sector",
                              language="fr")
        Feed.update(last_polled_at=now - timedelta(minutes=20), last_success_at=now - timedelta(minutes=20),
                    items_imported=2).where(Feed.id == feed.id).execute()
    add_link(camille, "https://www.cleantech-weekly.example/heat-pumps-industry", status=LinkStatus.PROPOSED,
             source=LinkSource.PROPOSAL, fetch_preview=False, proposed_by=camille,
             proposal_note="Un bon article sur les pompes à chaleur industrielles, proche de notre offre.",
             title="Industrial heat pumps are having their moment", site_name="Cleantech Weekly", language="en",
             description="Factories are turning to high-temperature heat pumps to cut gas use.")
