"""Refusals of the charter area, in the one error hierarchy (server.errors)."""

from flask_babel import lazy_gettext as _l

from server.charter.engine import CharterError
from server.errors import Forbidden, InvalidInput


class InvalidCharter(InvalidInput):
    """A charter document the engine cannot use; `fields` names the bad field as the admin reads it.

    The field's own explanation comes from the engine, in English: a path such as ``hashtags.max`` or
    ``banned_terms[3]`` is what lets the editor put it next to the right input.
    """

    code = "invalid_charter"

    def __init__(self, error: CharterError):
        super().__init__(_l("The charter is not valid: %(field)s %(problem)s", field=error.path,
                            problem=error.message), fields={error.path: [error.message]})
        self.path = error.path
        self.problem = error.message


class CharterNotAcknowledged(Forbidden):
    """Sharing needs the current charter acknowledged first."""

    code = "charter_acknowledgement_required"
    default_message = _l("Please read and acknowledge the current charter before sharing.")


class QuizNotPassed(Forbidden):
    """A first share needs the charter's quiz passed first."""

    code = "charter_quiz_required"
    default_message = _l("Please take the charter quiz before your first share.")
