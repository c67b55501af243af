"""The one error the engine raises on purpose: a charter it cannot compile."""


class CharterError(ValueError):
    """A charter field is missing its expected shape.

    `path` names the field the way an admin reads it (``hashtags.max``, ``banned_terms[3]``), so the
    charter editor can put the message next to the right input.
    """

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")
