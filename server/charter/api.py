"""The charter in the JSON API: live checks, the charter in force, acknowledgement, quiz, versions."""

from flask import g
from flask_babel import get_locale
from flask_smorest import Blueprint

from schemas.charter import (
    AcknowledgementRequestSchema,
    AcknowledgementSchema,
    CharterImportSchema,
    CharterStatusSchema,
    CharterVersionSchema,
    CheckRequestSchema,
    CheckResultSchema,
    LanguageQuerySchema,
    QuizAnswersSchema,
    QuizResultSchema,
    QuizSchema,
)
from server.auth.roles import Role, access
from server.charter import service, training, versions
from server.charter.quiz import questions_for
from server.errors import NotFound
from server.protection import client_fingerprint, limiter

blp = Blueprint("charter_api", __name__, url_prefix="/api/v1", description="The charter and checks against it.")

# Generous: the compose box checks while the employee types (debounced), a few times a second at most.
CHECKS_RATE_LIMIT = "120 per minute"
# One instance for every live check: given a class, the parser would build a schema per request.
CHECK_REQUEST = CheckRequestSchema()


def caller_key():
    """Rate-limit per person when signed in (colleagues behind one proxy share an address), else per client."""
    user = g.get("user")
    return f"user:{user.id}" if user is not None else client_fingerprint()


def _language(requested):
    return requested or str(get_locale())


@blp.route("/checks", methods=["POST"])
@blp.arguments(CHECK_REQUEST)
@blp.response(200, CheckResultSchema)
@access(Role.EMPLOYEE)
@limiter.limit(CHECKS_RATE_LIMIT, key_func=caller_key)
def check(body):
    """Check a draft against the charter in force, per network; no side effect (the live check)."""
    networks = body["networks"] or ([body["network"]] if body["network"] else [])
    return service.check_post(body["text"], networks=networks, link=body["link"], suggested=body["suggested"],
                              required_hashtags=body["hashtags"], language=body["language"]).to_dict()


@blp.route("/charter", methods=["GET"])
@blp.response(200, CharterStatusSchema)
@access(Role.EMPLOYEE)
def charter_status():
    """The charter in force (Markdown, fr and en) and whether the caller acknowledged it and passed the quiz."""
    return service.charter_status(g.user)


@blp.route("/charter/acknowledgements", methods=["POST"])
@blp.arguments(AcknowledgementRequestSchema)
@blp.response(201, AcknowledgementSchema)
@blp.alt_response(404, description="No charter has been published yet.")
@access(Role.EMPLOYEE)
def acknowledge(body):
    """Acknowledge the current version (409 if another version was published since the one read)."""
    return training.acknowledge(g.user, body["version"])


@blp.route("/charter/quiz", methods=["GET"])
@blp.arguments(LanguageQuerySchema, location="query")
@blp.response(200, QuizSchema)
@blp.alt_response(404, description="The charter in force has no quiz.")
@access(Role.EMPLOYEE)
def quiz(query):
    """The current quiz's questions and choices, without the answers."""
    current = versions.current_version()
    if current is None or not current.quiz:
        raise NotFound()
    return {"version": current.number, "questions": questions_for(current.quiz, _language(query["language"]))}


@blp.route("/charter/quiz/attempts", methods=["POST"])
@blp.arguments(QuizAnswersSchema)
@blp.response(201, QuizResultSchema)
@blp.alt_response(404, description="The charter in force has no quiz.")
@access(Role.EMPLOYEE)
def answer_quiz(body):
    """Answer the quiz: every question graded, with the right answer explained; all right to pass."""
    return training.submit_quiz(g.user, body["answers"], _language(body["language"]))


@blp.route("/charter/versions", methods=["GET"])
@blp.response(200, CharterVersionSchema(many=True))
@access(Role.MODERATOR)
def list_versions():
    """Every version, newest first."""
    return versions.list_versions()


@blp.route("/charter/versions", methods=["POST"])
@blp.arguments(CharterImportSchema)
@blp.response(201, CharterVersionSchema)
@access(Role.ADMIN)
def publish_version(body):
    """Publish a charter document as the next version (422 naming the bad field; nothing stored then)."""
    document = versions.parse_document(body["document"])
    return versions.save_version(g.user, document, note=body["note"],
                                 needs_acknowledgement=body["needs_acknowledgement"], based_on=body["based_on"])


@blp.route("/charter/versions/<int:number>", methods=["GET"])
@blp.response(200)
@access(Role.MODERATOR)
def version_document(number):
    """One version as a charter document (the export format, which POST /charter/versions imports)."""
    return versions.version_document(versions.get_version(number))
