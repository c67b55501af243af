"""Link-preview crawlers and other robots: redirected like everyone, never counted as clicks.

The maintained `crawler-user-agents` dataset knows most robots; a few link-preview fetchers it misses are
added here (shared/reference/networks.md). In-app browsers (LinkedIn app, Facebook's FBAN/FBAV,
Instagram, X, Slack desktop, Telegram's browser) are people and stay counted.
"""

import re
from functools import lru_cache

import crawleruseragents

EXTRA_PATTERNS = re.compile(r"Cardyb|Iframely|Embedly|Slack-ImgProxy|Facebot|meta-externalfetcher|Bytespider|"
                            r"SkypeUriPreview|Google-PageRenderer|redditbot|Mattermost-Bot|Pleroma|Akkoma|"
                            r"Misskey|Lemmy|Friendica|Go-http-client|okhttp|node-fetch|axios|aiohttp|wget",
                            re.IGNORECASE)


@lru_cache(maxsize=4096)
def is_crawler(user_agent):
    """Whether a User-Agent belongs to a robot (an empty one does too: browsers always send it)."""
    if not user_agent or len(user_agent) < 8:
        return True
    return bool(EXTRA_PATTERNS.search(user_agent)) or crawleruseragents.is_crawler(user_agent)


def is_prefetch(headers):
    """Browsers' speculative loads (link prefetch, prerender) are not clicks."""
    purpose = (headers.get("Sec-Purpose") or headers.get("Purpose") or headers.get("X-Purpose") or "").lower()
    return "prefetch" in purpose or "prerender" in purpose
