"""Telling everyone that a new charter version asks for their acknowledgement, from the job worker.

A company may have thousands of employees: the job notifies a batch, then queues itself for the next
one, so no single job runs for minutes and a failure retries only one batch.
"""

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

from server.auth.models import User
from server.charter.models import CharterAcknowledgement, CharterVersion
from server.jobs import job
from server.notifications import notify

BATCH_SIZE = 200


def announce_version(version: CharterVersion) -> None:
    """Queue the notices of a version that asks for acknowledgement (minor versions are not announced)."""
    if not version.needs_acknowledgement:
        return
    base_url = current_app.config.get("BASE_URL") or (request.host_url if has_request_context() else "")
    notify_batch(version.id, base_url or "http://localhost/", 0)


def _people_to_tell(version_id: int, after_id: int) -> list[User]:
    acknowledged = CharterAcknowledgement.select(CharterAcknowledgement.user).where(
        CharterAcknowledgement.version == version_id)
    return list(User.select().where(User.active == True, User.id > after_id,  # noqa: E712
                                    User.id.not_in(acknowledged))
                .order_by(User.id).limit(BATCH_SIZE))


@job(retries=3, retry_delay=60)
def notify_batch(version_id: int, base_url: str, after_id: int) -> None:
    """Notify the next batch of active people who have not acknowledged the version, then queue the rest.

    Links in the notices are built for `base_url`, the public address of the request that published
    the version (the worker has no request of its own).
    """
    version = CharterVersion.get_or_none(CharterVersion.id == version_id)
    if version is None:
        return
    people = _people_to_tell(version_id, after_id)
    with current_app.test_request_context("/", base_url=base_url):
        for person in people:
            notify(person, "charter.new_version",
                   _l("New charter (version %(number)s): please read it", number=version.number),
                   _l("The company's social media charter has changed. Read what changed and confirm that "
                      "you have read it before your next share."),
                   endpoint="charter.page")
    if len(people) == BATCH_SIZE:
        notify_batch(version_id, base_url, people[-1].id)
