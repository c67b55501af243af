"""What the administrators decide about results, kept as one site setting: how earned media value is
estimated, the content mix aimed at, what points are worth and their daily caps, the charity conversion
rate, whether a leaderboard exists and whether the company's site reports conversions.

Potential reach: the networks report no follower counts to us yet, so each share counts the audience the
administrators set for its network, `DEFAULT_AUDIENCE` until they do — a cautious figure for an employee's
personal account, to be replaced by what the company knows of its own people.
"""

from server import networks
from server.library.mix import set_target_mix, target_mix
from server.site_settings import get_setting, set_setting

KEY = "analytics"
DEFAULT_AUDIENCE = 150

DEFAULTS = {
    # Earned media value = clicks × value of a click + potential reach ÷ 1000 × cost per thousand views.
    "click_value_cents": 50,
    "cpm_cents": 800,
    "points_per_share": 10,
    "share_points_daily_cap": 30,
    "points_per_click": 1,
    "click_points_daily_cap": 20,
    "points_per_euro": 100,
    "leaderboard": False,
    "conversions": False,
    "audience": {},
}


def analytics_settings():
    """The settings in force: what the administrators stored over the defaults."""
    stored = get_setting(KEY) or {}
    merged = {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}
    merged["target_mix"] = target_mix()  # the library's, which its own mix chart shows too
    merged["audience"] = {name: int(merged["audience"].get(name, DEFAULT_AUDIENCE)) for name in networks.NETWORKS}
    return merged


def save_analytics_settings(values):
    """Store validated values (schemas.analytics.AnalyticsSettingsSchema) over the current ones."""
    if "target_mix" in values:
        set_target_mix(values["target_mix"])
    current = {k: v for k, v in analytics_settings().items() if k in DEFAULTS}
    current.update({k: v for k, v in values.items() if k in DEFAULTS})
    set_setting(KEY, current)
    return analytics_settings()


def audience_of(network, settings=None):
    """The potential audience counted for one share on `network`."""
    return (settings or analytics_settings())["audience"].get(network, DEFAULT_AUDIENCE)


def earned_media_value_cents(clicks, reach, settings=None):
    settings = settings or analytics_settings()
    return clicks * settings["click_value_cents"] + reach * settings["cpm_cents"] // 1000
