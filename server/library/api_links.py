"""The library in the JSON API: links and kits (curators), the library, lookup, proposals, suggestions and
interests (every employee).

Who may do what: every employee reads the library, proposes links, gets suggestions and chooses their
interests; moderators and administrators (the communication team) curate links and kits; only
administrators delete.
"""

from flask import g
from flask_babel import get_locale
from flask_smorest import Blueprint

from schemas.library import (
    ArchiveSchema,
    KitIdeaSchema,
    KitQuerySchema,
    KitSchema,
    LibraryLinkSchema,
    LibraryQuerySchema,
    LinkCreateSchema,
    LinkFieldsSchema,
    LinkQuerySchema,
    LinkSchema,
    LookupQuerySchema,
    LookupSchema,
    MyInterestsSchema,
    NamedSchema,
    ProposalCreateSchema,
    ProposalSchema,
    SuggestionQuerySchema,
    SuggestionSchema,
)
from server.api import TOTAL_COUNT_HEADER
from server.auth.roles import Role, access
from server.library import interests, kits, links, listing, previews, review, suggestions
from server.library.models import LinkStatus
from server.protection import limiter

blp = Blueprint("library_api", __name__, url_prefix="/api/v1",
                description="The content library: links, kits, proposals, suggestions, interests.")


def _language():
    return g.user.locale or str(get_locale())


@blp.route("/links", methods=["GET"])
@blp.arguments(LinkQuerySchema, location="query")
@blp.response(200, LinkSchema(many=True), headers=TOTAL_COUNT_HEADER)
@access(Role.MODERATOR)
def list_links(query):
    """Curators' list with filters and search; the total is in the X-Total-Count header."""
    page, total = listing.search_links(**query)
    return page, 200, {"X-Total-Count": str(total)}


@blp.route("/links", methods=["POST"])
@blp.arguments(LinkCreateSchema)
@blp.response(201, LinkSchema)
@access(Role.MODERATOR)
def add_link(body):
    """Add a link (approved at once unless approve is false); its preview is fetched in the background."""
    approve = body.pop("approve")
    return links.add_link(g.user, body.pop("url"), status=LinkStatus.APPROVED if approve else LinkStatus.PROPOSED,
                          fetch_preview=body.pop("fetch_preview"), **body)


@blp.route("/links/lookup", methods=["GET"])
@blp.arguments(LookupQuerySchema, location="query")
@blp.response(200, LookupSchema)
@access(Role.EMPLOYEE)
def lookup(query):
    """Whether an address (any spelling: tracking parameters, case, fragment) is approved; the extension's badge."""
    return links.lookup_url(query["url"])


@blp.route("/links/<int:link_id>", methods=["GET"])
@blp.response(200, LinkSchema)
@access(Role.MODERATOR)
def get_link(link_id):
    """One link, as curators see it."""
    return links.get_link(link_id)


@blp.route("/links/<int:link_id>", methods=["PATCH"])
@blp.arguments(LinkFieldsSchema)
@blp.response(200, LinkSchema)
@access(Role.MODERATOR)
def update_link(body, link_id):
    """Edit a link: preview, category, tags, targets, campaign, window."""
    return links.update_link(g.user, link_id, **body)


@blp.route("/links/<int:link_id>", methods=["DELETE"])
@blp.response(204)
@access(Role.ADMIN)
def delete_link(link_id):
    """Delete a link for good (archiving keeps it out of circulation without losing it)."""
    links.delete_link(g.user, link_id)


@blp.route("/links/<int:link_id>/approve", methods=["POST"])
@blp.arguments(LinkFieldsSchema)
@blp.response(200, LinkSchema)
@access(Role.MODERATOR)
def approve_link(body, link_id):
    """Approve a link, applying the fields given first (a category is needed); the proposer is told."""
    return review.approve_link(g.user, link_id, **body)


@blp.route("/links/<int:link_id>/archive", methods=["POST"])
@blp.arguments(ArchiveSchema)
@blp.response(200, LinkSchema)
@access(Role.MODERATOR)
def archive_link(body, link_id):
    """Archive a link, or turn a proposal down (the proposer is told, with the reason if given)."""
    return review.archive_link(g.user, link_id, body["reason"])


@blp.route("/links/<int:link_id>/preview", methods=["POST"])
@blp.response(202, LinkSchema)
@access(Role.MODERATOR)
def refetch_preview(link_id):
    """Fetch the page's preview again (fills the fields that are empty)."""
    return previews.request_preview(g.user, link_id)


@blp.route("/links/<int:link_id>/kit", methods=["GET"])
@blp.response(200, KitSchema)
@access(Role.MODERATOR)
def get_kit(link_id):
    """Every caption idea and image of a link's kit."""
    links.get_link(link_id)
    captions, images = kits.kit_of(link_id)
    return {"captions": captions, "images": images}


@blp.route("/links/<int:link_id>/kit", methods=["PUT"])
@blp.arguments(KitSchema)
@blp.response(200, KitSchema)
@access(Role.MODERATOR)
def replace_kit(body, link_id):
    """Replace a link's kit: caption ideas per language and optional images."""
    captions, images = kits.replace_kit(g.user, link_id, body["captions"], body["images"])
    return {"captions": captions, "images": images}


@blp.route("/library", methods=["GET"])
@blp.arguments(LibraryQuerySchema, location="query")
@blp.response(200, LibraryLinkSchema(many=True), headers=TOTAL_COUNT_HEADER)
@access(Role.EMPLOYEE)
def browse_library(query):
    """What may be shared now; with q, a free-text search, best matches first. Total in X-Total-Count."""
    page, total = listing.browse_library(**query)
    return page, 200, {"X-Total-Count": str(total)}


@blp.route("/library/<int:link_id>", methods=["GET"])
@blp.response(200, LibraryLinkSchema)
@access(Role.EMPLOYEE)
def library_link(link_id):
    """One approved link."""
    return links.visible_link(g.user, link_id)


@blp.route("/library/<int:link_id>/idea", methods=["GET"])
@blp.arguments(KitQuerySchema, location="query")
@blp.response(200, KitIdeaSchema)
@access(Role.EMPLOYEE)
def caption_idea(query, link_id):
    """One caption idea for the caller (colleagues get different ones); pass next_turn for another."""
    return kits.idea_for(g.user, links.visible_link(g.user, link_id), _language(), query["turn"])


@blp.route("/proposals", methods=["POST"])
@blp.arguments(ProposalCreateSchema)
@blp.response(201, ProposalSchema)
@blp.alt_response(200, schema=ProposalSchema, description="The address was already known: what became of it.")
@limiter.limit("30 per minute")
@access(Role.EMPLOYEE)
def propose(body):
    """Propose an address for the library (the extension's "suggest this page"); 200 when already known,
    showing only the caller's own proposal or the public fields of an approved link."""
    answer = review.propose_link(g.user, body["url"], body["note"])
    return answer, 201 if answer["created"] else 200


@blp.route("/proposals/mine", methods=["GET"])
@blp.response(200, ProposalSchema(many=True))
@access(Role.EMPLOYEE)
def my_proposals():
    """What the caller proposed and what became of it."""
    return review.proposals_of(g.user)


@blp.route("/suggestions", methods=["GET"])
@blp.arguments(SuggestionQuerySchema, location="query")
@blp.response(200, SuggestionSchema(many=True))
@access(Role.EMPLOYEE)
def suggest(query):
    """Approved, currently valid links ranked for the caller; pass context_url/context_text for the page
    they are on."""
    return suggestions.suggest_links(g.user, language=_language(), **query)


@blp.route("/interests", methods=["GET"])
@blp.response(200, NamedSchema(many=True))
@access(Role.EMPLOYEE)
def list_interests():
    """Every interest links are targeted at."""
    return interests.all_interests()


@blp.route("/me/interests", methods=["GET"])
@blp.response(200, NamedSchema(many=True))
@access(Role.EMPLOYEE)
def my_interests():
    """The interests the caller follows."""
    return interests.interests_of(g.user)


@blp.route("/me/interests", methods=["PUT"])
@blp.arguments(MyInterestsSchema)
@blp.response(200, NamedSchema(many=True))
@access(Role.EMPLOYEE)
def set_my_interests(body):
    """Choose the interests the caller follows (they raise matching links in suggestions)."""
    return interests.set_interests_of(g.user, body["interest_ids"])
