"""Rebuild the user-agent corpora of this folder from the packages they come from (see README.md).

    pip download --no-deps device-detector==6.5.1 && unzip device_detector-6.5.1-py3-none-any.whl -d dd
    npm pack user-agents@2.1.198 && tar xzf user-agents-2.1.198.tgz
    python tests/tracking/corpora/extract.py dd package

Deterministic: the same packages give the same files.
"""

import glob
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
# Apps whose built-in browser opens the links people tap (device-detector names them "mobile app").
IN_APP_BROWSERS = {
    "Facebook", "Facebook Lite", "Facebook Messenger", "Facebook Messenger Lite", "Instagram", "Twitter",
    "WeChat", "LinkedIn", "Slack", "Line", "Snapchat", "TikTok", "Pinterest", "Threads", "KakaoTalk", "Naver",
    "QQ", "Sina Weibo", "Google Search App", "Google Go", "Microsoft Bing", "Baidu Box App", "Viber",
    "Yahoo! Japan", "SogouSearch App",
}
# What such an app sends from its own HTTP client (API calls, previews: `FBAN/FBIOS;…`, `KakaoTalk/… CFNetwork`)
# is not its browser: a web view always names its engine. Those strings are in neither corpus.
WEB_VIEW = re.compile(r"AppleWebKit/|Gecko/")
# Two strings device-detector files under "browser" are no person's tap on a link: Safari's background
# fetcher (Top Sites, favicons: CFNetwork, no engine) and an app's own HTTP client. They are in neither corpus.
NOT_PEOPLE = {
    "Safari/9537.75.14 CFNetwork/673.4 Darwin/13.1.0 (x86_64) (Macmini6%2C2)",
    "com.ipspirates.ort v.612 (OnePlus 9, Android 12, zh_CN)",
}
ROBOT_CLIENT_TYPES = {"library", "feed reader"}
DEVICE_FILES = ("desktop", "smartphone", "tablet", "phablet", "tv", "feature_phone", "wearable", "console")
BROWSER_SAMPLE_EVERY = 60  # one in 60 of the ~34,000 browser fixtures: ~570 strings of every kind of device
INTOLI_SAMPLE_EVERY = 2    # one in two of the ~950 different strings of 10,000 recorded visits


def device_detector_rows(root):
    rows = []
    for path in sorted(glob.glob(os.path.join(root, "device_detector/tests/fixtures/upstream/*.yml"))):
        with open(path, encoding="utf-8") as handle:
            for entry in yaml.load(handle, Loader=yaml.CSafeLoader) or []:
                if isinstance(entry, dict) and entry.get("user_agent"):
                    rows.append((os.path.basename(path), entry))
    return rows


def write(name, lines):
    unique = sorted({line.strip() for line in lines if line and line.strip() and "\n" not in line})
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
        handle.write("\n".join(unique) + "\n")
    print(f"{name}: {len(unique)}")


def main(device_detector_root, user_agents_root):
    rows = device_detector_rows(device_detector_root)
    write("robots-matomo.txt", [entry["user_agent"] for _, entry in rows if "bot" in entry])
    clients = [(name, entry, entry.get("client") if isinstance(entry.get("client"), dict) else {})
               for name, entry in rows if "bot" not in entry]
    write("libraries-matomo.txt", [entry["user_agent"] for _, entry, client in clients
                                   if client.get("type") in ROBOT_CLIENT_TYPES])
    browsers = [entry["user_agent"] for name, entry, client in clients
                if client.get("type") == "browser" and name.split("-")[0].removesuffix(".yml") in DEVICE_FILES]
    write("browsers-matomo.txt", [agent for agent in browsers[::BROWSER_SAMPLE_EVERY] if agent not in NOT_PEOPLE])
    write("in-app-matomo.txt", [entry["user_agent"] for _, entry, client in clients
                                if client.get("type") == "mobile app" and client.get("name") in IN_APP_BROWSERS
                                and WEB_VIEW.search(entry["user_agent"])])
    with open(os.path.join(user_agents_root, "dist/user-agents.json"), encoding="utf-8") as handle:
        visits = json.load(handle)
    write("browsers-intoli.txt", sorted({visit["userAgent"] for visit in visits})[::INTOLI_SAMPLE_EVERY])


if __name__ == "__main__":
    main(*sys.argv[1:3])
