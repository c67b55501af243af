"""Robots and prefetches: redirected like everyone, never counted as clicks.

A request is a robot's when any of these says so (each catches what the others miss):

1. the maintained `crawler-user-agents` dataset (patterns of named crawlers, link-preview fetchers, monitors);
2. the maintained CrawlerDetect patterns (`crawlerdetect`, a port of JayBizzle's CrawlerDetect): more
   libraries, feed fetchers and tools;
3. the generic words robots put in their names — bot, crawl, spider, fetch, preview, scan and a few more —
   in any case, and headless-browser markers (HeadlessChrome, PhantomJS, Lighthouse…);
4. a user agent that names no browser engine (AppleWebKit, Gecko, Trident…): HTTP libraries and tools
   (`Java/17`, `PycURL/7.45`, `http.rb/5.1`, `libcurl-agent/1.0`, `Boto3/1.34`, `Google-HTTP-Java-Client/1.43`…)
   name themselves and their version, and a robot borrowing `Mozilla/5.0 (compatible; Name/1.0)` names none;
5. an empty or very short user agent (every browser sends one).

People are counted, whatever app they read in: in-app browsers (LinkedIn, Facebook's FBAN/FBAV, Instagram,
X, Slack desktop, Telegram, WeChat's MicroMessenger…) and Android/iOS webviews send a browser's user agent
with the app's token added, which no rule above matches. A few words a person's user agent may contain
(a phone brand named Cubot, an in-app token the datasets list as a robot's) are taken out before any pattern
is looked for.

tests/tracking/test_crawlers.py checks this against real user agents from public corpora
(tests/tracking/corpora/README.md): every person counted, at least 97 % of robots left out.
"""

import re
from functools import lru_cache

import crawleruseragents
from crawlerdetect import CrawlerDetect

# Link-preview fetchers and clients that neither dataset names (shared by social networks and chat apps).
EXTRA_PATTERNS = re.compile(r"Cardyb|Iframely|Embedly|Slack-ImgProxy|Facebot|meta-externalfetcher|Bytespider|"
                            r"SkypeUriPreview|Google-PageRenderer|redditbot|Mattermost-Bot|Pleroma|Akkoma|"
                            r"Misskey|Lemmy|Friendica|Go-http-client|okhttp|node-fetch|axios|aiohttp|wget|"
                            r"WhatsApp/|Signal-Desktop|Discord(?!/)|Snap URL Preview|Google-Read-Aloud",
                            re.IGNORECASE)
GENERIC_WORDS = re.compile(r"bot\b|bot[/_;-]|robot|crawl|spider|fetch|preview|scan|scrap|slurp|archiv|"
                           r"monitor|uptime|checker|validator|parser|proxy|http[-_ .]?client|httpx|curl|libwww|"
                           r"python|java/|perl|ruby|php|node\.js|okhttp|headless|phantomjs|slimerjs|lighthouse|"
                           r"puppeteer|playwright|selenium|webdriver|cypress|jsdom|download|feed|rss|podcast",
                           re.IGNORECASE)
# What a person's user agent may carry that the robots' patterns would take for a robot's: in-app browsers'
# tokens (Facebook's FB_IAB/FBAN/FBAV, Baidu's and Sogou's apps, Viber), phone models named …bot (Cubot),
# Android build ids (`Build/AP3A.240617.008`: a dataset lists one a robot once used, millions of phones send it).
# They are taken out before the patterns are looked for (a robot's own words elsewhere still give it away).
PEOPLE_WORDS = re.compile(r"cubot|\b[A-Za-z]+bot[ _-]?(?=[A-Z0-9][\w-]* Build/)|\[?FB_IAB/[^;\]]*|FBAN/[^;\]]*|"
                          r"FBAV/[\d.]+|baiduboxapp/\S*|SogouSearch|Build/[^;)]*|Viber/[\d.]+|WebView|Yandex.?Browser",
                          re.IGNORECASE)
# Every browser names a rendering engine (or, on old phones, its browser and the MIDP profile); a robot that
# borrows "Mozilla/5.0 (compatible; Name/1.0)" names none.
BROWSER_ENGINE = re.compile(r"AppleWebKit/|Gecko[/)]|Trident/|Presto/|MSIE \d|Opera[/ ]|UCWEB|UCBrowser|"
                            r"UP\.Browser|NetFront|Obigo|MIDP-|Dalvik/|BlackBerry|IEMobile", re.IGNORECASE)
SHORTEST_BROWSER_AGENT = 20

_crawler_detect = CrawlerDetect()


@lru_cache(maxsize=8192)
def is_crawler(user_agent):
    """Whether a User-Agent belongs to a robot (an empty one does too: browsers always send it)."""
    agent = (user_agent or "").strip()
    if len(agent) < SHORTEST_BROWSER_AGENT or not BROWSER_ENGINE.search(agent):
        return True
    probe = PEOPLE_WORDS.sub(" ", agent)
    if EXTRA_PATTERNS.search(probe) or GENERIC_WORDS.search(probe):
        return True
    return crawleruseragents.is_crawler(probe) or _crawler_detect.is_crawler(probe)


def is_prefetch(headers):
    """Browsers' speculative loads (link prefetch, prerender) are not clicks."""
    purpose = (headers.get("Sec-Purpose") or headers.get("Purpose") or headers.get("X-Purpose") or "").lower()
    return "prefetch" in purpose or "prerender" in purpose
