"""The charter's steps inside the share button's dialog: read and acknowledge it, take the quiz, then back
to the same article. The charter's own templates and quiz logic, with the frame's layout and addresses."""

from flask import flash, g, redirect, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from server.auth.roles import Role, access
from server.charter import reading, training
from server.charter.routes import quiz_answer, quiz_page
from server.embed.framing import frame_url
from server.embed.pages import bp
from server.errors import DomainError


def charter_door():
    """The frame's layout and addresses for the charter's templates."""
    return {"layout": "embed/base.html", "page": frame_url("embed.charter"),
            "acknowledge": frame_url("embed.acknowledge"), "quiz": frame_url("embed.quiz"),
            "answer": frame_url("embed.answer_quiz"), "article": frame_url("embed.compose")}


@bp.get("/charter")
@access(Role.EMPLOYEE)
def charter():
    return render_template("charter/page.html", reading=reading.reading_for(g.user, str(get_locale())),
                           networks=[], charter_door=charter_door())


@bp.post("/charter/acknowledge")
@access(Role.EMPLOYEE)
def acknowledge():
    try:
        row = training.acknowledge(g.user, request.form.get("version", type=int) or 0)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(frame_url("embed.charter"))
    flash(_("Thank you: you acknowledged version %(number)s of the charter.", number=row.version.number), "success")
    return redirect(frame_url("embed.compose"))


@bp.get("/quiz")
@access(Role.EMPLOYEE)
def quiz():
    return quiz_page(door=charter_door(), passed_attempt=training.last_passed_attempt(g.user))


@bp.post("/quiz")
@access(Role.EMPLOYEE)
def answer_quiz():
    return quiz_answer(door=charter_door())
