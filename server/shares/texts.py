"""What exactly goes to a network: the employee's words, with the tracked link in place of the approved URL."""

from server.library.errors import LibraryError
from server.library.urls import canonical_url
from server.networks.links import link_spans


def _same_page(found, approved):
    try:
        return canonical_url(found) == approved
    except LibraryError:
        return False


def text_for_target(share, target, tracked):
    """The share's text with every link to the approved page (however written: tracking parameters,
    fragment, letter case of the host) replaced by this target's tracked link."""
    text, approved = share.text, share.link.url
    pieces, last = [], 0
    for start, end in link_spans(text):
        if _same_page(text[start:end], approved):
            pieces += [text[last:start], tracked]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)
