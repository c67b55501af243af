"""Charter versions: saving (always a new version), reading, exporting, and compiled rules per version.

Versions are never edited: a save adds a row numbered one above the newest. Compiling a large charter
takes up to a second, so each process keeps the compiled rules of the versions it has used, keyed by the
version's id; a new version has a new id, so nothing ever needs invalidating — the only per-check query
asks which version is the newest.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask_babel import lazy_gettext as _l
from peewee import JOIN, IntegrityError

from server import audit
from server.auth.models import User
from server.charter import engine
from server.charter.announcements import announce_version
from server.charter.document import CharterDocument, export_document, read_document
from server.charter.engine import CharterError, CompiledCharter
from server.charter.errors import InvalidCharter
from server.charter.models import CharterAcknowledgement, CharterVersion
from server.charter.replay import headline
from server.db import database
from server.errors import Conflict, NotFound

_CACHE_SIZE = 8
_compiled: OrderedDict[int, CompiledCharter] = OrderedDict()
_compiled_lock = threading.Lock()
# The rules used before any charter is published: the engine's defaults (profanity, personal data,
# secrets, links limited to the approved one), so a fresh install still checks what matters most.
DEFAULT_RULES: dict = {}
# Asked on every live check: written once rather than built by the query builder each time (the same SQL
# on SQLite and PostgreSQL; the unique index on number answers it).
_NEWEST_VERSION_SQL = 'SELECT "id", "number" FROM "charter_versions" ORDER BY "number" DESC LIMIT 1'


def current_version() -> CharterVersion | None:
    """The newest charter version, or None when no charter has been published yet."""
    return CharterVersion.select().order_by(CharterVersion.number.desc()).first()


def current_version_id() -> tuple[int, int] | None:
    """(id, number) of the newest version without loading its rules: the one query of a live check."""
    row = database.execute_sql(_NEWEST_VERSION_SQL).fetchone()
    return (row[0], row[1]) if row else None


def get_version(number: int) -> CharterVersion:
    """The version numbered `number`; NotFound otherwise."""
    version = CharterVersion.get_or_none(CharterVersion.number == number)
    if version is None:
        raise NotFound(_l("There is no version %(number)s of the charter.", number=number))
    return version


def list_versions() -> list[CharterVersion]:
    """Every version, newest first, with its author."""
    return list(CharterVersion.select(CharterVersion, User).join(User, JOIN.LEFT_OUTER)
                .order_by(CharterVersion.number.desc()))


def compiled_rules(version_id: int | None, load=None) -> CompiledCharter:
    """The compiled rules of a version (by id), compiled at most once per process; None: the defaults."""
    if version_id is None:
        return engine.compile(DEFAULT_RULES)
    with _compiled_lock:
        cached = _compiled.get(version_id)
        if cached is not None:
            _compiled.move_to_end(version_id)
            return cached
    version = load() if load is not None else CharterVersion.get_by_id(version_id)
    compiled = engine.compile(version.rules)
    _remember(version_id, compiled)
    return compiled


def _remember(version_id: int, compiled: CompiledCharter) -> None:
    with _compiled_lock:
        _compiled[version_id] = compiled
        _compiled.move_to_end(version_id)
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)


def parse_document(data) -> CharterDocument:
    """Validate an uploaded or typed charter document; InvalidCharter (422) names the bad field."""
    try:
        return read_document(data)
    except CharterError as error:
        raise InvalidCharter(error) from error


def _content(version: CharterVersion | None) -> tuple | None:
    if version is None:
        return None
    return (version.rules, version.text_fr, version.text_en, version.quiz)


def _text_and_quiz(document: CharterDocument, current: CharterVersion | None) -> tuple[dict, list]:
    if document.text is not None:
        text = document.text
    else:
        text = {"fr": current.text_fr, "en": current.text_en} if current else {"fr": "", "en": ""}
    if document.quiz is not None:
        return text, document.quiz
    return text, (current.quiz if current else [])


def save_version(author: User, document: CharterDocument, *, note: str | None = None,
                 needs_acknowledgement: bool = True, based_on: int | None = None,
                 announce: bool = True, simulation=None) -> CharterVersion:
    """Publish `document` as the next version and return it.

    A document without text or quiz keeps the current ones. `based_on` is the version number the author
    started from: if someone published meanwhile, Conflict (their changes would be silently undone).
    An identical charter is refused (Conflict): a new version asks every employee to read it again.
    The author's own acknowledgement is recorded; everyone else is told by a background job (unless
    `announce` is False: the demo seeds its history silently). `simulation`: the finished simulation
    the document was published from; its headline (counts, no post text) is kept with the version.
    """
    with database.atomic():
        current = current_version()
        if based_on is not None and current is not None and based_on != current.number:
            raise Conflict(_l("Version %(number)s was published while you were editing. Open the charter again "
                              "to start from it.", number=current.number), fields={"based_on": [str(based_on)]})
        text, quiz = _text_and_quiz(document, current)
        if current is not None and _content(current) == (document.rules, text["fr"], text["en"], quiz):
            raise Conflict(_l("Nothing changed since version %(number)s: no new version was saved.",
                              number=current.number))
        number = (current.number + 1) if current else 1
        try:
            version = CharterVersion.create(
                number=number, name=document.rules.get("name") or "", rules=document.rules, text_fr=text["fr"],
                text_en=text["en"], quiz=quiz, note=(note or "").strip()[:500] or None, author=author,
                needs_acknowledgement=needs_acknowledgement or current is None, simulation=simulation,
                simulation_summary=headline(simulation.summary) if simulation is not None else None)
        except IntegrityError as error:  # another admin took this number in the same instant
            raise Conflict(_l("Another version was published at the same time. Please try again.")) from error
        if author is not None:
            CharterAcknowledgement.create(user=author, version=version)
        simulated = {"simulation": simulation.id} if simulation is not None else {}
        audit.record("charter.publish", actor=author, target=version, number=number,
                     needs_acknowledgement=version.needs_acknowledgement, **simulated)
    _remember(version.id, document.compiled)
    if announce:
        announce_version(version)
    return version


def version_document(version: CharterVersion) -> dict:
    """The JSON document of a stored version, as exported and re-imported."""
    return export_document(version.number, version.rules, {"fr": version.text_fr, "en": version.text_en},
                           version.quiz)


def previous_version(version: CharterVersion) -> CharterVersion | None:
    """The version just before `version`, if any."""
    return (CharterVersion.select().where(CharterVersion.number < version.number)
            .order_by(CharterVersion.number.desc()).first())


def latest_acknowledgement_required() -> CharterVersion | None:
    """The newest version that asked employees to acknowledge it (minor versions may not)."""
    return (CharterVersion.select().where(CharterVersion.needs_acknowledgement == True)  # noqa: E712
            .order_by(CharterVersion.number.desc()).first())
