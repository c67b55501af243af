"""Ready-to-post kits: caption ideas per language and optional images for each link.

An employee sees one idea at a time, as inspiration. The least used idea comes first (how many shares
started from each one, supplied by the share pipeline through `share_sources.idea_uses`), so colleagues do
not all post the same words; between ideas used equally, the order is shifted by the person's id;
"another idea" moves one step further.

The company's own ideas are checked against the charter when saved, as an employee's post would be (the
link as approved link, its campaign's hashtag, the idea's language): an idea the charter blocks is refused,
naming it; the others are saved and the editor shows what the charter says of each, with its fix
(`caption_checks`), so "start from this idea" does not warn the employee at once.
"""

import hashlib
import zlib

from flask_babel import get_locale
from flask_babel import gettext as _

from server import audit
from server.charter.service import check_post
from server.db import database
from server.errors import InvalidInput, NotFound
from server.library import share_sources
from server.library.errors import InvalidURL
from server.library.models import KitCaption, KitImage, Link
from server.library.urls import canonical_url

MAX_CAPTIONS = 20
MAX_IMAGES = 10
MAX_CAPTION = 3000


def kit_of(link_id):
    """(captions, images) of a link, in their order."""
    captions = list(KitCaption.select().where(KitCaption.link == link_id).order_by(KitCaption.position))
    images = list(KitImage.select().where(KitImage.link == link_id).order_by(KitImage.position))
    return captions, images


def check_caption(link, text, language=None):
    """What the charter says of a caption idea, as of a post of this link (CheckOutcome)."""
    campaign = link.campaign
    hashtags = (campaign.hashtag,) if campaign is not None and campaign.hashtag else ()
    return check_post(text, link=link.url, required_hashtags=hashtags, language=language or link.language)


def caption_checks(link, captions):
    """{caption position: findings} for the editor: what the charter says of each saved idea."""
    return {caption.position: check_caption(link, caption.text, caption.language).findings for caption in captions}


def _refuse_blocked_captions(link, captions):
    for number, caption in enumerate(captions, 1):
        outcome = check_caption(link, caption["text"], caption.get("language"))
        if outcome.verdict == "block":
            blocking = next(f for f in outcome.findings if f["severity"] == "block")
            message = blocking["message"].get(str(get_locale() or "en")[:2]) or blocking["message"].get("en")
            raise InvalidInput(fields={"captions": [_("Idea %(number)d: %(message)s", number=number,
                                                      message=message)]})


def replace_kit(actor, link_id, captions=(), images=()):
    """Replace a link's kit: `captions` as [{language, text}], `images` as [{url, alt}].

    Refuses (InvalidInput on ``captions``, naming the idea and the rule) an idea the charter blocks.
    """
    link = Link.get_or_none(Link.id == link_id)
    if link is None:
        raise NotFound(_("No such link."))
    captions = [c for c in captions if c.get("text", "").strip()]
    if len(captions) > MAX_CAPTIONS:
        raise InvalidInput(fields={"captions": [_("At most %(max)d caption ideas.", max=MAX_CAPTIONS)]})
    _refuse_blocked_captions(link, captions)
    if len(images) > MAX_IMAGES:
        raise InvalidInput(fields={"images": [_("At most %(max)d images.", max=MAX_IMAGES)]})
    image_rows = []
    for position, image in enumerate(images):
        try:
            url = canonical_url(image["url"])
        except (InvalidURL, KeyError, TypeError):
            raise InvalidInput(fields={"images": [_("Image %(number)d: not a valid web address.",
                                                    number=position + 1)]}) from None
        image_rows.append({"link": link_id, "url": url, "alt": (image.get("alt") or "").strip()[:300],
                           "position": position})
    with database.atomic():
        KitCaption.delete().where(KitCaption.link == link_id).execute()
        KitImage.delete().where(KitImage.link == link_id).execute()
        if captions:
            KitCaption.insert_many([{"link": link_id, "language": c["language"], "text": c["text"].strip(),
                                     "position": i} for i, c in enumerate(captions)]).execute()
        if image_rows:
            KitImage.insert_many(image_rows).execute()
        audit.record("library.kit.update", actor=actor, target=Link(id=link_id), captions=len(captions),
                     images=len(image_rows))
    return kit_of(link_id)


def ideas_in_language(captions, language, link_language=None):
    """The captions to draw from: the reader's language, else the link's, else all of them."""
    for wanted in (language, link_language):
        if wanted:
            primary = wanted.split("-")[0].lower()
            chosen = [c for c in captions if c.language.split("-")[0].lower() == primary]
            if chosen:
                return chosen
    return list(captions)


def idea_key(text):
    """A caption idea's stable key: its text's, so saving the kit again keeps the count of its uses."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def idea_index(user_id, link_id, count, turn=0):
    """Which of `count` ideas `user_id` sees first (turn 0) and then at each "another idea"."""
    if count <= 0:
        return None
    # The link's own offset keeps one person from always getting the same rank of idea on every link.
    offset = zlib.crc32(str(link_id).encode())
    return (offset + user_id + turn) % count


def rotation(user, link, candidates, uses):
    """The candidates in the order `user` is offered them: least used first, then shifted by person."""
    start = idea_index(user.id, link.id, len(candidates)) or 0
    shifted = candidates[start:] + candidates[:start]
    return sorted(shifted, key=lambda caption: uses.get(idea_key(caption.text), 0))


def caption_idea(user, link, captions, language, turn=0, uses=None):
    """The idea `user` sees at `turn`, as (caption, position among the candidates, number of candidates).

    `uses` ({idea_key: shares}) is read from the share pipeline when not given.
    """
    candidates = ideas_in_language(captions, language, link.language)
    if not candidates:
        return None, 0, 0
    if uses is None:
        uses = share_sources.idea_uses([link.id]).get(link.id, {})
    ordered = rotation(user, link, candidates, uses)
    index = turn % len(ordered)
    return ordered[index], index, len(ordered)


def ideas_for_links(user, links, language):
    """{link_id: (caption or None, number of ideas)} for a page of links, in two queries."""
    ids = [link.id for link in links]
    by_link = {link_id: [] for link_id in ids}
    if ids:
        for caption in KitCaption.select().where(KitCaption.link.in_(ids)).order_by(KitCaption.position):
            by_link[caption.link_id].append(caption)
    uses = share_sources.idea_uses([link_id for link_id, captions in by_link.items() if captions])
    ideas = {}
    for link in links:
        caption, _index, count = caption_idea(user, link, by_link[link.id], language, uses=uses.get(link.id, {}))
        ideas[link.id] = (caption, count)
    return ideas


def idea_for(user, link, language, turn=0):
    """What an employee's kit panel shows: one caption idea, how many there are, the images."""
    captions, images = kit_of(link.id)
    caption, _index, count = caption_idea(user, link, captions, language, turn)
    return {"link_id": link.id, "caption": caption, "idea_count": count, "next_turn": turn + 1, "images": images}
