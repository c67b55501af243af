"""Reading the library's HTML forms into what the API schemas expect.

Forms differ from JSON in three ways handled here: every value is text (empty meaning "none"), lists come
as comma-separated text or repeated fields, and moments are typed in the reader's own time zone
(datetime-local inputs) while the schemas take ISO 8601 with an offset.
"""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import g, request

_LIST_SEPARATOR = re.compile(r"[,;\n]")


def reader_zone():
    try:
        return ZoneInfo(g.user.timezone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def text_fields(keys):
    """The submitted fields among `keys`, stripped, empty ones as None."""
    return {key: (request.form[key].strip() or None) for key in keys if key in request.form}


def split_list(text):
    """'a, b; c' → ['a', 'b', 'c']."""
    return [part.strip() for part in _LIST_SEPARATOR.split(text or "") if part.strip()]


def moment(value):
    """A datetime-local value read in the reader's time zone, as ISO 8601 with its offset; keeps junk as is
    so that the schema names the field."""
    if not value:
        return None
    try:
        local = datetime.fromisoformat(value)
    except ValueError:
        return value
    return local.replace(tzinfo=reader_zone()).isoformat() if local.tzinfo is None else local.isoformat()


def local_input(value):
    """A stored naive-UTC moment as the reader's datetime-local value ('' for none)."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone(reader_zone()).strftime("%Y-%m-%dT%H:%M")


def integer_list(name):
    return [int(value) for value in request.form.getlist(name) if value.strip().isdigit()]


def link_form():
    """The link editing form as LinkFieldsSchema input."""
    data = text_fields(("url", "title", "description", "image_url", "site_name", "language", "category"))
    if "tags" in request.form:
        data["tags"] = split_list(request.form["tags"])
    if "interests" in request.form:
        data["interests"] = split_list(request.form["interests"])
    if "targets" in request.form:  # a hidden marker: unticking every department must clear them
        data["department_ids"] = integer_list("department_ids")
    if "campaign_id" in request.form:
        data["campaign_id"] = request.form["campaign_id"] or None
    for key in ("not_before", "not_after"):
        if key in request.form:
            data[key] = moment(request.form[key].strip())
    return data


def kit_form():
    """The kit editor's rows (caption_language_N / caption_text_N, image_url_N / image_alt_N) as KitSchema input."""
    captions, images = [], []
    for index in _row_indexes("caption_text_"):
        text = request.form.get(f"caption_text_{index}", "").strip()
        if text:
            captions.append({"language": request.form.get(f"caption_language_{index}", ""), "text": text})
    for index in _row_indexes("image_url_"):
        url = request.form.get(f"image_url_{index}", "").strip()
        if url:
            images.append({"url": url, "alt": request.form.get(f"image_alt_{index}", "").strip()})
    return {"captions": captions, "images": images}


def campaign_form():
    data = text_fields(("name", "objective", "hashtag", "target_shares", "target_clicks", "moderation",
                        "daily_share_cap", "sharing_hours_start", "sharing_hours_end"))
    for key in ("starts_at", "ends_at"):
        if key in request.form:
            data[key] = moment(request.form[key].strip())
    if "targets" in request.form:
        data["department_ids"] = integer_list("department_ids")
    return data


def _row_indexes(prefix):
    return sorted({int(key[len(prefix):]) for key in request.form if key.startswith(prefix)
                   and key[len(prefix):].isdigit()})
