"""Time zones offered in forms."""

from functools import lru_cache
from zoneinfo import available_timezones


@lru_cache(maxsize=1)
def common_timezones():
    """IANA zone names of the Area/City form, sorted (the legacy aliases are left out)."""
    areas = ("Africa/", "America/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")
    return [*sorted(zone for zone in available_timezones() if zone.startswith(areas)), "UTC"]
