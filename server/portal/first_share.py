"""A first share in a few clicks: taking part, the charter and its quiz happen on the compose page itself,
and every step comes back to the same article.

Whatever door brought the employee to an article (a card of the portal, a digest's link, the extension),
they land on its compose page. What still stands between them and sharing is shown there, in line, in
order: choosing to take part (voluntary, said plainly), reading and acknowledging the charter in force
(its text, or what changed since the version they acknowledged), then its quiz. Each step is one form
whose answer returns to the same compose page; the words they had started are kept by the page in the
browser's sessionStorage (`static/js/draft-keeper.js`) and by the server when a submit is refused.

Taking part and acknowledging the charter are two consents, recorded separately (`participation.opt_in`,
`charter.acknowledge`); a newcomer may give both with one button whose label says both.
"""

from dataclasses import dataclass

from flask import flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from server.auth.roles import Role, access
from server.charter import training, versions
from server.charter.quiz import questions_for
from server.charter.reading import CharterReading, reading_for
from server.charter.service import readiness
from server.errors import DomainError, InvalidInput
from server.library.sharing import link_for_sharing
from server.portal.routes import bp
from server.shares import pipeline


@dataclass(frozen=True)
class FirstSteps:
    """What an employee still has to do before sharing, in order; empty when they are ready."""

    take_part: bool
    reading: CharterReading | None  # the charter to read and acknowledge (None: nothing to acknowledge)
    quiz: list | None  # the quiz's questions in their language (None: passed, or no quiz)
    quiz_version: int | None

    @property
    def ready(self):
        return not (self.take_part or self.reading or self.quiz)

    @property
    def total(self):
        return sum(1 for step in (self.take_part, self.reading, self.quiz) if step)


def first_steps(user, language):
    """The steps `user` has left before sharing (see FirstSteps), with the texts shown in `language`."""
    take_part = pipeline.participant(user) is None
    standing = readiness(user)
    reading = None if standing.acknowledged else reading_for(user, language)
    quiz, quiz_version = None, None
    if standing.acknowledged and not standing.quiz_passed:
        current = versions.current_version()
        if current is not None and current.quiz:
            quiz, quiz_version = questions_for(current.quiz, language), current.number
    return FirstSteps(take_part=take_part, reading=reading, quiz=quiz, quiz_version=quiz_version)


def take_first_steps(user, *, take_part, acknowledge_version):
    """Take part (when asked) and acknowledge the charter's version (when given), each its own consent.

    Acknowledging a version that is no longer the one in force raises the charter's error (the page then
    shows the new one); nothing is acknowledged on someone's behalf.
    """
    if take_part:
        pipeline.opt_in(user)
    if acknowledge_version is not None:
        training.acknowledge(user, acknowledge_version)


@dataclass(frozen=True)
class QuizAnswer:
    """What became of a quiz answered in line: `outcome` is passed, failed (with `grade`), incomplete
    (with the questions' `errors`, the `chosen` answers and a `message`) or stale (the charter changed)."""

    outcome: str
    grade: object = None
    errors: dict = None
    chosen: dict = None
    message: str = None


def answer_first_quiz(user, form, language):
    """Grade the in-line quiz of `form` (its `version` and `answer-<n>` fields) for `user`; a QuizAnswer."""
    current = versions.current_version()
    asked = form.get("version", "")
    if current is None or not current.quiz or not asked.isdigit() or int(asked) != current.number:
        return QuizAnswer("stale")
    answers = [form.get(f"answer-{index}", type=int) for index in range(len(current.quiz))]
    try:
        submission = training.submit_quiz(user, answers, language)
    except InvalidInput as error:
        problems = error.fields.get("answers", {}) if isinstance(error.fields.get("answers"), dict) else {}
        return QuizAnswer("incomplete", errors=problems, chosen=dict(enumerate(answers)), message=str(error.message))
    return QuizAnswer("passed" if submission.grade.passed else "failed", grade=submission.grade)


def take_first_steps_form(user, form, language):
    """Apply the in-line steps' form (`take_part`, `version`); True when `user` is then ready to share.
    A version no longer in force is flashed as the charter's error, and nothing else is done."""
    version = form.get("version", "")
    try:
        take_first_steps(user, take_part=form.get("take_part") == "1",
                         acknowledge_version=int(version) if version.isdigit() else None)
    except DomainError as error:
        flash(error.message, "error")
        return False
    ready = first_steps(user, language).ready
    if ready:
        flash(_("You are ready to share."), "success")
    return ready


def quiz_page_context(answer):
    """What the compose page shows after an in-line quiz that did not pass (flashing what needs a flash)."""
    if answer.outcome == "failed":
        return {"quiz_result": answer.grade}
    return {"quiz_errors": answer.errors, "quiz_chosen": answer.chosen, "quiz_message": answer.message}


def flash_quiz_outcome(answer):
    """Say what a stale or passed in-line quiz means (the other outcomes show on the page itself)."""
    if answer.outcome == "stale":
        flash(_("The charter changed while you were answering: here is its quiz."), "info")
    elif answer.outcome == "passed":
        flash(_("Well done: you passed the quiz. You are ready to share."), "success")


def _compose(link_id, anchor):
    return redirect(url_for("shares.compose", link_id=link_id, _anchor=anchor))


@bp.post("/share/<int:link_id>/first-steps")
@access(Role.EMPLOYEE)
def first_steps_done(link_id):
    link_for_sharing(link_id, g.user)  # a link that cannot be shared answers as its compose page does
    ready = take_first_steps_form(g.user, request.form, str(get_locale()))
    return _compose(link_id, "compose" if ready else "first-steps")


@bp.post("/share/<int:link_id>/quiz")
@access(Role.EMPLOYEE)
def first_quiz(link_id):
    from server.shares.share_pages import render_compose  # the compose page, with the quiz's outcome

    link = link_for_sharing(link_id, g.user)
    answer = answer_first_quiz(g.user, request.form, str(get_locale()))
    flash_quiz_outcome(answer)
    if answer.outcome in ("stale", "passed"):
        return _compose(link_id, "compose" if answer.outcome == "passed" else "first-steps")
    return render_compose(link, 422 if answer.outcome == "incomplete" else 200, **quiz_page_context(answer))
