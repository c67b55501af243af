"""Fixtures for the phone: the demo's people and content, and browser contexts shaped like a phone."""

import pytest

from tests.conftest import browser_sign_in
from tests.shares.conftest import app_config, charter, link, make_link, ready  # noqa: F401 (fixtures)

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
LOCALES = {"en": "en-GB", "fr": "fr-FR"}


@pytest.fixture
def demo(app, live_server):
    """The demo's people (by e-mail) and content: a charter, a library, shares and a month of results."""
    from server.auth.models import User
    from server.demo import seed_demo

    with app.test_request_context(base_url=live_server.url):
        seed_demo()
        return {user.email: user for user in User.select()}


@pytest.fixture
def phone(browser, live_server):
    """`phone(user, lang)`: a signed-in browser context at 360 px with touch, the user speaking `lang`."""
    from server.auth.models import User

    contexts = []

    def open_phone(user=None, lang="en", **options):
        if user is not None:
            User.update(locale=lang).where(User.id == user.id).execute()
        context = browser.new_context(locale=LOCALES[lang], **{**PHONE, **options})
        context.set_default_timeout(10_000)
        if user is not None:
            browser_sign_in(context, live_server, user)
        contexts.append(context)
        return context

    yield open_phone
    for context in contexts:
        context.close()
