"""The charter's human text: Markdown written by admins, shown to employees as sanitised HTML."""

import re

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
         "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "ins"}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_HEADING = re.compile(r"(</?)h([1-5])\b")


def render_markdown(text: str) -> Markup:
    """Markdown to HTML that is safe to insert in a page.

    Headings move one level down (``#`` becomes ``<h2>``): the page's own title is the only ``<h1>``.
    Raw HTML in the Markdown is removed by the sanitiser, links keep only http(s) and mailto addresses.
    """
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    html = _HEADING.sub(lambda match: f"{match.group(1)}h{int(match.group(2)) + 1}", html)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # noqa: S704 (sanitised just above)


_INLINE_TAGS = {"strong", "em", "b", "i", "code", "a", "del"}
_BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def render_line(line: str) -> Markup:
    """One Markdown line as inline HTML, for line-by-line comparisons: emphasis, code and links are kept,
    list bullets and heading marks are dropped (a heading stays bold so it still reads as one)."""
    heading = line.lstrip().startswith("#")
    inline = _LEADING_NUMBER.sub(r"\1\\\2", _BLOCK_MARK.sub("", line, count=1))  # "6. Liens" is no list item
    html = markdown.markdown(inline, output_format="html")
    clean = nh3.clean(html, tags=_INLINE_TAGS, attributes={"a": {"href"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow").strip()
    return Markup(f"<strong>{clean}</strong>" if heading else clean)  # noqa: S704 (sanitised just above)
