"""Network names in the reader's language, lazily: a message built now may be read in another language."""

from flask_babel import LazyString, get_locale

from server import networks


def network_label(name):
    """The network's label in the language of whoever reads it (the request's, or the recipient's)."""

    def label():
        names = networks.get(name).label
        return names.get(str(get_locale()), names["en"])

    return LazyString(label)
