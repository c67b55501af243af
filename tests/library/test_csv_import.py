"""Reading link spreadsheets: good files, French Excel files, and every kind of refused row."""

import io
from datetime import date
from pathlib import Path

import pytest

from server.library.csv_import import LinkRow, RowError, detect_delimiter, read_links_csv
from server.library.errors import CSVImportError

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "url,title,category,not_before,not_after\n"


def rows_of(source):
    return list(read_links_csv(source))


def problems_of(csv_text):
    """{row_number: [(code, column), …]} for the refused rows of ``csv_text``."""
    return {number: [(problem.code, problem.column) for problem in result.problems]
            for number, result in rows_of(csv_text) if isinstance(result, RowError)}


def test_good_file():
    assert rows_of((FIXTURES / "links_good.csv").read_text(encoding="utf-8")) == [
        (2, LinkRow(
            url="https://www.acme.example/newsroom/lyon",
            title="Acme ouvre un site à Lyon",
            description="Le site emploiera 120 personnes, dès 2026.",
            language="fr",
            category="product",
            tags=("industrie", "emploi", "Lyon"),
            departments=("RH", "Communication"),
            interests=("industrie",),
            campaign="Lyon 2025",
            not_before=date(2025, 3, 10),
            not_after=date(2025, 6, 30),
        )),
        (3, LinkRow(
            url="https://engineering.acme.example/posts/faster-builds",
            title="How we cut build times by 38%",
            language="en-GB",
            category="culture",
            tags=("engineering", "devops"),
        )),
        (4, LinkRow(url="https://blog.example.org/2025/02/solar", not_before=date(2025, 2, 20))),
    ]


def test_french_excel_file_with_bom_and_semicolons():
    # Blank lines keep their number (as in the spreadsheet); unknown columns (“Titre”) are ignored.
    assert rows_of((FIXTURES / "links_fr_excel.csv").read_bytes()) == [
        (2, LinkRow(
            url="https://www.villeneuve.example/actualites/fete-ete.html",
            title="Fête de l’été",
            category="sector",
            tags=("été", "fête", "mairie"),
            not_before=date(2025, 6, 1),
            not_after=date(2025, 6, 21),
        )),
        (4, LinkRow(url="https://www.villeneuve.example/actualites/travaux.html",
                    title="Travaux « rue Pasteur »", category="product")),
    ]


def test_windows_1252_bytes_from_excel():
    data = "url;title\r\nhttps://example.com/a;Café crème à 2 €\r\n".encode("cp1252")
    assert rows_of(data) == [(2, LinkRow(url="https://example.com/a", title="Café crème à 2 €"))]


@pytest.mark.parametrize("wrap", [io.StringIO, lambda text: io.BytesIO(text.encode("utf-8-sig"))])
def test_reads_text_and_binary_streams(wrap):
    assert rows_of(wrap("url\nhttps://example.com/x\n")) == [(2, LinkRow(url="https://example.com/x"))]


def test_multi_line_cells_count_as_one_row():
    text = 'url,description\nhttps://a.example/,"line one\nline two"\nhttps://b.example/,\n'
    assert [number for number, _ in rows_of(text)] == [2, 3]
    assert rows_of(text)[0][1].description == "line one line two"


@pytest.mark.parametrize(("row", "expected"), [
    (",No url,,,", [("missing_url", "url")]),
    ("ftp://example.com/file,,,,", [("invalid_url", "url")]),
    ("not a url,,,,", [("invalid_url", "url")]),
    ("https://example.com/a,,gossip,,", [("unknown_category", "category")]),
    ("https://example.com/a,,,31/12/2025,", [("bad_date", "not_before")]),
    ("https://example.com/a,,,,2025-02-30", [("bad_date", "not_after")]),
    ("https://example.com/a,,,2025-06-30,2025-06-01", [("dates_reversed", "not_after")]),
    ("https://example.com/a," + "t" * 301 + ",,,", [("too_long", "title")]),
    (",,gossip,someday,", [("missing_url", "url"), ("unknown_category", "category"), ("bad_date", "not_before")]),
])
def test_bad_rows_report_each_problem(row, expected):
    assert problems_of(HEADER + row + "\n") == {2: expected}


def test_bad_row_message_is_readable():
    [(_, error)] = rows_of(HEADER + "https://example.com/a,,gossip,,\n")
    assert error.message == "Unknown category “gossip” (expected product, culture, sector)."


def test_duplicate_url_in_file_names_the_first_row():
    text = HEADER + "https://example.com/a?utm_source=x,,,,\nhttps://example.com/b,,,,\nhttps://EXAMPLE.com/a#top,,,,\n"
    results = rows_of(text)
    assert isinstance(results[0][1], LinkRow)
    assert results[2][0] == 4
    assert [(p.code, p.message) for p in results[2][1].problems] == [("duplicate_url", "Same url as row 2.")]


def test_bad_language_is_refused():
    assert problems_of("url,language\nhttps://example.com/,français\n") == {2: [("bad_language", "language")]}


@pytest.mark.parametrize("text", ["", "\n\n", "title,description\nFoo,Bar\n",
                                  "https://example.com/a,Title\nhttps://example.com/b,Other\n"])
def test_refuses_files_without_a_url_header(text):
    with pytest.raises(CSVImportError) as refusal:
        rows_of(text)
    assert refusal.value.code == "invalid_csv"


def test_says_when_the_first_row_looks_like_data():
    with pytest.raises(CSVImportError, match="looks like data"):
        rows_of("https://example.com/a,Title\n")


def test_refuses_repeated_column():
    with pytest.raises(CSVImportError, match="more than once: url"):
        rows_of("url,URL\nhttps://a.example/,https://b.example/\n")


@pytest.mark.parametrize(("header", "delimiter"), [
    ("url,title,tags", ","), ("url;title;tags", ";"), ("url\ttitle", "\t"), ("url", ","),
    ('"url;x",title,description', ","),
])
def test_detects_delimiter(header, delimiter):
    assert detect_delimiter(header) == delimiter


def test_header_names_are_forgiving():
    assert rows_of("URL,Not Before,not-after\nhttps://a.example/,2025-01-01,2025-01-02\n") == [
        (2, LinkRow(url="https://a.example/", not_before=date(2025, 1, 1), not_after=date(2025, 1, 2))),
    ]
