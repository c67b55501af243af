"""The employee's charter pages: read it, see what changed, acknowledge it, take the quiz."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from server.auth.roles import Role, access
from server.charter import reading, training, versions
from server.charter.quiz import questions_for
from server.errors import DomainError
from server.networks import NETWORKS

bp = Blueprint("charter", __name__)

def try_networks():
    """The networks offered in the "try a post" box: the first of each way of counting a post's length."""
    chosen = {}
    for module in NETWORKS.values():
        if module.length is not None:
            chosen.setdefault(module.length.counting, module)
    return list(chosen.values())


def _language():
    return str(get_locale())


def _version_number(raw):
    return int(raw) if raw and raw.isdigit() else None


@bp.get("/charter")
@access(Role.EMPLOYEE)
def page():
    return render_template("charter/page.html", reading=reading.reading_for(g.user, _language()),
                           networks=try_networks())


@bp.post("/charter/acknowledge")
@access(Role.EMPLOYEE)
def acknowledge():
    try:
        row = training.acknowledge(g.user, _version_number(request.form.get("version")) or 0)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("charter.page"))
    flash(_("Thank you: you acknowledged version %(number)s of the charter.", number=row.version.number), "success")
    return redirect(url_for("charter.page") + "#acknowledgement")


@bp.get("/charter/changes")
@access(Role.EMPLOYEE)
def changes():
    since = _version_number(request.args.get("since"))
    if since is None:
        return redirect(url_for("charter.page"))
    diff = reading.changes_between(since, for_employees=True)
    return render_template("charter/changes.html", changes=diff, language=_language())


def _door_url(door, name, endpoint):
    """An address of the charter's steps: the portal's, or those of another door (the share button's frame,
    which passes `door`: layout, page, acknowledge, quiz, answer, article)."""
    return (door or {}).get(name) or url_for(endpoint)


def quiz_page(status=200, door=None, **context):
    """The current version's quiz (or back to the charter when it has none)."""
    current = versions.current_version()
    if current is None or not current.quiz:
        flash(_("The charter has no quiz at the moment."), "info")
        return redirect(_door_url(door, "page", "charter.page"))
    context.setdefault("errors", {})
    context.setdefault("chosen", {})
    return render_template("charter/quiz.html", version=current, charter_door=door,
                           questions=questions_for(current.quiz, _language()), **context), status


@bp.get("/charter/quiz")
@access(Role.EMPLOYEE)
def quiz():
    return quiz_page(passed_attempt=training.last_passed_attempt(g.user))


def _submitted_answers(question_count):
    return [_version_number(request.form.get(f"answer-{index}")) for index in range(question_count)]


@bp.post("/charter/quiz")
@access(Role.EMPLOYEE)
def answer_quiz():
    return quiz_answer()


def quiz_answer(door=None):
    """Grade the submitted quiz and show the result with every explanation (or the quiz again, to finish)."""
    current = versions.current_version()
    if current is not None and _version_number(request.form.get("version")) != current.number:
        flash(_("The charter changed while you were answering: here is its quiz."), "info")
        return redirect(_door_url(door, "quiz", "charter.quiz"))
    answers = _submitted_answers(len(current.quiz) if current else 0)
    try:
        submission = training.submit_quiz(g.user, answers, _language())
    except DomainError as error:
        problems = error.fields.get("answers", {}) if isinstance(error.fields.get("answers"), dict) else {}
        if error.status != 422:
            flash(error.message, "error")
            return redirect(_door_url(door, "page", "charter.page"))
        return quiz_page(422, door, errors=problems, chosen=dict(enumerate(answers)), message=error.message)
    return render_template("charter/quiz_result.html", submission=submission, charter_door=door)
