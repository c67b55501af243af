"""Turn the bytes of a web page into text, choosing the charset the way browsers do.

Order (HTML standard, "determining the character encoding"): a byte-order mark wins, then the
HTTP ``Content-Type`` charset, then a ``<meta charset>`` / ``<meta http-equiv>`` declaration near the
top (bs4's prescan), then valid UTF-8, then charset_normalizer's detection, then windows-1252.

Labels are mapped as the WHATWG Encoding standard does where Python's codecs differ: pages
labelled ISO-8859-1 or ASCII are really windows-1252 (curly quotes, œ, € live in 0x80–0x9F), and
Shift_JIS/GB2312/EUC-KR pages use the Microsoft supersets.
"""

import codecs
import unicodedata
from dataclasses import dataclass

import charset_normalizer
from bs4.dammit import EncodingDetector

from server.library.fetcher import parse_content_type

_WHATWG_LABELS = {
    **dict.fromkeys(("ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
                     "cp819", "ibm819", "iso-ir-100", "csisolatin1", "windows-1252", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j",
                     "ms932"), "cp932"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "gb_2312-80"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean", "cseuckr", "windows-949"), "cp949"),
    **dict.fromkeys(("iso-8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11"), "cp874"),
}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# A <meta> cannot honestly declare UTF-16: it was read as ASCII-compatible bytes (HTML standard).
_UTF16_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be"})
FALLBACK_ENCODING = "cp1252"


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str
    source: str  # "bom", "http", "meta", "utf-8" or "detected": says why, when a page reads wrong


def decode_html(body: bytes, content_type_header: str | None = None) -> DecodedPage:
    """Decode an HTML ``body``; undecodable bytes become U+FFFD rather than failing."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return DecodedPage(body[len(bom):].decode(encoding, errors="replace"), encoding, "bom")
    header_encoding = codec_for_label(parse_content_type(content_type_header)[1])
    if header_encoding:
        return DecodedPage(body.decode(header_encoding, errors="replace"), header_encoding, "http")
    meta_encoding = codec_for_label(EncodingDetector.find_declared_encoding(body, is_html=True))
    if meta_encoding:
        meta_encoding = "utf-8" if meta_encoding in _UTF16_CODECS else meta_encoding
        return DecodedPage(body.decode(meta_encoding, errors="replace"), meta_encoding, "meta")
    try:
        return DecodedPage(body.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    detected = detect_encoding(body)
    return DecodedPage(body.decode(detected, errors="replace"), detected, "detected")


def codec_for_label(label: str | None) -> str | None:
    """Python codec name for a charset label from a page or header, or None if unknown."""
    if not label:
        return None
    cleaned = label.strip().strip("'\"").lower()
    if cleaned in _WHATWG_LABELS:
        return _WHATWG_LABELS[cleaned]
    try:
        codec = codecs.lookup(cleaned)
    except LookupError:
        return None
    # The codec registry also holds transforms (base64, rot13…): never a page's charset.
    return codec.name if getattr(codec, "_is_text_encoding", True) else None


def detect_encoding(body: bytes) -> str:
    """Guess the charset of undeclared, non-UTF-8 bytes.

    Statistics cannot tell Latin code pages apart on short texts (French comes out as cp1250 or
    cp1257 as often as cp1252). So when the detector's reading is Latin script anyway and the bytes
    are valid windows-1252, we take windows-1252: the web's default for Western European pages and
    what our French and English users' sites use. Cyrillic, Greek, CJK… detections are kept.
    """
    best = charset_normalizer.from_bytes(body).best()
    if best is None:
        return FALLBACK_ENCODING
    if _is_latin_script(str(best)) and _decodes_cleanly(body, FALLBACK_ENCODING):
        return FALLBACK_ENCODING
    return codec_for_label(best.encoding) or FALLBACK_ENCODING


def _is_latin_script(text: str) -> bool:
    return all(unicodedata.name(char, "").startswith("LATIN ") for char in text
               if char.isalpha() and not char.isascii())


def _decodes_cleanly(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
