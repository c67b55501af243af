"""The content mix: how approved links and shares divide between product, culture and sector, against a
target — about 20 % product, 30 % culture and 50 % sector unless the administrators chose another (the
results settings page changes it; the library's mix chart and the results pages read the same target)."""

from dataclasses import dataclass

from peewee import fn

from server.db import utcnow
from server.library.listing import shareable
from server.library.models import CATEGORIES, TARGET_MIX, Link
from server.library.share_sources import shares_per_category
from server.site_settings import get_setting, set_setting

TARGET_SETTING = "content_mix_target"

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


def target_mix():
    """{category: percent} aimed at: the administrators' choice, else the usual 20/30/50."""
    stored = get_setting(TARGET_SETTING) or {}
    return {category: int(stored.get(category, TARGET_MIX[category])) for category in CATEGORIES}


def set_target_mix(target):
    """Store the mix aimed at ({category: percent}, validated by the caller to add up to 100)."""
    set_setting(TARGET_SETTING, {category: int(target[category]) for category in CATEGORIES})


def mix_of(counts, target=None):
    """A Mix from {category: count}; percentages are rounded so that they add up to 100."""
    target = target or target_mix()
    counted = {category: int(counts.get(category, 0) or 0) for category in CATEGORIES}
    total = sum(counted.values())
    percents = _rounded_percents(counted, total)
    return Mix(total=total, lines=[MixLine(c, counted[c], percents[c], target[c]) for c in CATEGORIES],
               uncategorised=int(counts.get(None, 0) or 0))


def content_mix(now=None):
    """{"links": Mix of the links shareable now, "shares": Mix of the shares or None when unknown}."""
    now = now or utcnow()
    counts = dict(Link.select(Link.category, fn.COUNT(Link.id)).where(shareable(now))
                  .group_by(Link.category).tuples())
    shares, target = shares_per_category(), target_mix()
    return {"links": mix_of(counts, target), "shares": mix_of(shares, target) if shares is not None else None}


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
