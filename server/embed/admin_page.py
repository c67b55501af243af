"""Administration: the share button's two lines to copy, with this server's real address, and a live preview."""

from flask import Blueprint, current_app, render_template

from server.auth.roles import Role, access
from server.embed.loader import pinned_loader_path
from server.library.models import Link, LinkStatus
from server.public_urls import external_url

bp = Blueprint("share_button", __name__)


def snippet(example_url):
    """The embed contract, as page authors copy it."""
    return (f'<script src="{external_url("widget.widget_js")}" async></script>\n'
            f'<div data-pv-share data-url="{example_url}"></div>')


def example_link():
    """An approved link to preview the button with (the newest one), or None in an empty library."""
    return Link.select().where(Link.status == LinkStatus.APPROVED).order_by(Link.id.desc()).first()


@bp.get("/admin/share-button")
@access(Role.ADMIN)
def share_button():
    link = example_link()
    example = link.url if link else "https://www.example.com/news/approved-article"
    base = external_url("widget.widget_js").removesuffix("/widget.js")
    return render_template("embed/admin.html", snippet=snippet(example), link=link, base=base,
                           pinned=base + pinned_loader_path(), origins=current_app.config["EMBED_ORIGINS"])
