"""Chat messages: what a Slack or Microsoft Teams channel reads, written in the channel's language.

Slack incoming webhooks take Block Kit (https://api.slack.com/block-kit): a `text` fallback for
notifications, a section, and an actions block whose button opens a URL. Teams Workflows webhooks ("Post to a
channel when a webhook request is received") take a message whose attachment is an Adaptive Card
(https://adaptivecards.io, version 1.4) with an `Action.OpenUrl` button. Both buttons only open a page of
the server (the compose page, the review queue): nothing is ever posted from the chat.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from server.webhooks import events
from server.webhooks.models import EndpointKind

MAX_TEXT = 600


@dataclass(frozen=True)
class ChatMessage:
    title: str
    text: str
    button: str
    url: str


def message_for(event, data):
    """The message for one event (in the locale in force), or None when chats are not told of it (a link or
    campaign meant for some departments only is not announced in a channel that anyone may read)."""
    if any(data.get(name, {}).get("audience") == events.DEPARTMENTS for name in ("link", "campaign")):
        return None
    if event == events.LINK_APPROVED:
        link = data["link"]
        return ChatMessage(_("New in the library: %(title)s", title=link["title"] or link["url"]),
                           _("A new link is approved; share it in your own words."), _("Share"), data["share_url"])
    if event == events.CAMPAIGN_STARTED:
        campaign = data["campaign"]
        text = campaign["objective"] or _("Its links are ready to share.")
        if campaign["hashtag"]:
            text = f"{text} #{campaign['hashtag'].lstrip('#')}"
        return ChatMessage(_("A campaign starts: %(name)s", name=campaign["name"]), text, _("Share"),
                           data["share_url"])
    if event == events.SHARE_PENDING_REVIEW:
        share = data["share"]
        return ChatMessage(_("A share waits for review"),
                           _("A share of “%(title)s” waits for a moderator.",
                             title=share["link_title"] or share["link_url"]), _("Review"), data["review_url"])
    if event == events.TEST:
        return ChatMessage(_("Porte-Voix is connected"), _("This channel will receive the news you chose."),
                           _("Open Porte-Voix"), data["url"])
    return None


def slack_payload(message):
    """A Block Kit message for a Slack incoming webhook."""
    return {
        "text": f"{message.title} — {message.text}"[:MAX_TEXT],
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn",
                                         "text": f"*{_escape_slack(message.title)}*\n{_escape_slack(message.text)}"}},
            {"type": "actions", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": message.button}, "url": message.url,
                 "style": "primary", "action_id": "porte-voix-open"}]},
        ],
    }


def teams_payload(message):
    """A message carrying an Adaptive Card, for a Teams Workflows webhook."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
        "body": [{"type": "TextBlock", "text": message.title, "weight": "Bolder", "size": "Medium", "wrap": True},
                 {"type": "TextBlock", "text": message.text[:MAX_TEXT], "wrap": True}],
        "actions": [{"type": "Action.OpenUrl", "title": message.button, "url": message.url}],
    }
    return {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                                                "contentUrl": None, "content": card}]}


def chat_payload(kind, message):
    return slack_payload(message) if kind == EndpointKind.SLACK else teams_payload(message)


def _escape_slack(text):
    """Slack's mrkdwn reads &, < and > as markup; escape them as its documentation says."""
    return text[:MAX_TEXT].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
