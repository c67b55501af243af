"""The period a results page covers: the last 7, 30 or 90 days (today included), or days the reader picks."""

from dataclasses import dataclass
from datetime import date, timedelta

from server.db import utcnow

PRESETS = (7, 30, 90)
DEFAULT_DAYS = 30
LONGEST_DAYS = 3660


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    preset: int | None = None  # 7, 30 or 90; None for days the reader picked

    @property
    def days(self):
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def query(self):
        """The period as query arguments, for links that keep it."""
        if self.preset:
            return {"period": str(self.preset)}
        return {"period": "custom", "start": self.start.isoformat(), "end": self.end.isoformat()}


def period_from(days=None, start=None, end=None, today=None):
    """A Period from validated arguments (schemas.analytics.PeriodSchema): `days` among PRESETS, or a custom
    `start`–`end` (swapped when given backwards, at most LONGEST_DAYS long, never past today)."""
    today = today or utcnow().date()
    if start is not None or end is not None:
        end = min(end or today, today)
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        start, end = min(start, end), max(start, end)
        start = max(start, end - timedelta(days=LONGEST_DAYS - 1))
        return Period(start, end)
    days = days if days in PRESETS else DEFAULT_DAYS
    return Period(today - timedelta(days=days - 1), today, days)
