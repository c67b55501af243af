"""The content mix: how approved links and shares divide between product, culture and sector, against
the target of about 20 % product, 30 % culture and 50 % sector."""

from dataclasses import dataclass

from peewee import fn

from server.db import utcnow
from server.library.listing import shareable
from server.library.models import CATEGORIES, TARGET_MIX, Link
from server.library.share_sources import shares_per_category

# Within this many points of the target a category is "on target".
TOLERANCE = 5


@dataclass(frozen=True)
class MixLine:
    category: str
    count: int
    percent: int
    target: int

    @property
    def gap(self):
        return self.percent - self.target

    @property
    def on_target(self):
        return abs(self.gap) <= TOLERANCE


@dataclass(frozen=True)
class Mix:
    total: int
    lines: list
    uncategorised: int = 0


def mix_of(counts):
    """A Mix from {category: count}; percentages are rounded so that they add up to 100."""
    counted = {category: int(counts.get(category, 0) or 0) for category in CATEGORIES}
    total = sum(counted.values())
    percents = _rounded_percents(counted, total)
    return Mix(total=total, lines=[MixLine(c, counted[c], percents[c], TARGET_MIX[c]) for c in CATEGORIES],
               uncategorised=int(counts.get(None, 0) or 0))


def content_mix(now=None):
    """{"links": Mix of the links shareable now, "shares": Mix of the shares or None when unknown}."""
    now = now or utcnow()
    counts = dict(Link.select(Link.category, fn.COUNT(Link.id)).where(shareable(now))
                  .group_by(Link.category).tuples())
    shares = shares_per_category()
    return {"links": mix_of(counts), "shares": mix_of(shares) if shares is not None else None}


def _rounded_percents(counts, total):
    """Largest-remainder rounding: 33.4/33.3/33.3 shows as 34/33/33, never 33/33/33."""
    if not total:
        return dict.fromkeys(counts, 0)
    exact = {c: counts[c] * 100 / total for c in counts}
    floors = {c: int(exact[c]) for c in counts}
    missing = 100 - sum(floors.values())
    for category in sorted(counts, key=lambda c: exact[c] - floors[c], reverse=True)[:missing]:
        floors[category] += 1
    return floors
