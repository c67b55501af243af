"""Facebook: share intent only.

The sharer takes the link alone: Facebook's platform policy forbids prefilling the message, so the page
copies the employee's text to the clipboard. Apps cannot post to personal profiles (permission removed
in 2018), so there is no API client.
"""

from .composer import composer_url
from .descriptor import Intent, LengthLimit

name = "facebook"
label = {"fr": "Facebook", "en": "Facebook"}
length = LengthLimit(63_206, "chars")
prefills_text = False
needs_instance = False
posts_directly = False

SHARER_URL = "https://www.facebook.com/sharer/sharer.php"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The sharer with the link; the text goes to the clipboard."""
    return Intent(composer_url(SHARER_URL, ("u", url)), copy_text=text.strip() or None)
