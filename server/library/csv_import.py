"""Reading a spreadsheet of links to import into the library.

The file needs a header row naming its columns (any order, any case): ``url`` is required;
``title``, ``description``, ``language``, ``category``, ``tags``, ``departments``, ``interests``,
``campaign``, ``not_before`` and ``not_after`` are optional; other columns are ignored. List cells
(tags, departments, interests) separate values with ``;`` or ``|``. Dates are ISO (``2025-03-14``).

French Excel writes ``;``-separated files in windows-1252 or UTF-8 with a byte-order mark, so the
delimiter (``,``, ``;`` or tab) is read from the header line and bytes are decoded accordingly.

Rows are numbered as the spreadsheet shows them: the header is row 1. Each data row comes back as
a :class:`LinkRow` or, with every problem found in it, a :class:`RowError`; nothing is stored here.
"""

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from server.library.errors import CSVImportError, InvalidURL
from server.library.metadata import MAX_DESCRIPTION, MAX_TITLE, clean_text, normalise_language_tag
from server.library.urls import canonical_url

COLUMNS = ("url", "title", "description", "language", "category", "tags", "departments", "interests",
           "campaign", "not_before", "not_after")
CATEGORIES = ("product", "culture", "sector")
# French spreadsheets often say it in French; the stored value stays English.
CATEGORY_ALIASES = {"produit": "product", "secteur": "sector"}
MAX_CAMPAIGN = 200
MAX_LIST_ITEM = 100
_LIST_SEPARATORS = re.compile(r"[;|]")
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class LinkRow:
    url: str
    title: str | None = None
    description: str | None = None
    language: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    campaign: str | None = None
    not_before: date | None = None
    not_after: date | None = None


@dataclass(frozen=True)
class RowProblem:
    """One reason a row was refused; ``code`` is stable (for translation), ``message`` is English."""

    code: str
    column: str
    message: str


@dataclass(frozen=True)
class RowError:
    problems: tuple[RowProblem, ...]

    @property
    def message(self) -> str:
        return " ".join(problem.message for problem in self.problems)


def read_links_csv(source: str | bytes | IO[str] | IO[bytes]) -> Iterator[tuple[int, LinkRow | RowError]]:
    """Yield ``(row_number, LinkRow | RowError)`` for each non-blank data row of a links CSV.

    Raises :class:`CSVImportError` when the file is empty or its header has no ``url`` column.
    """
    lines = _text_lines(source)
    first_line = next(lines, None)
    if first_line is None or not first_line.strip():
        raise CSVImportError("The file is empty or its first line is blank; it must start with a header row.")
    first_line = first_line.removeprefix("\ufeff")
    reader = csv.reader(itertools.chain([first_line], lines), delimiter=detect_delimiter(first_line))
    columns = _read_header(_without_nul(next(reader), 1))
    seen_urls: dict[str, int] = {}
    for row_number, cells in enumerate(reader, start=2):
        if any(cell.strip() for cell in _without_nul(cells, row_number)):
            yield row_number, _RowReader(columns, cells, seen_urls, row_number).read()


def _without_nul(cells: list[str], row_number: int) -> list[str]:
    """The cells, unless one holds a NUL character: PostgreSQL cannot store it (nor the file), and a file
    that has one is not the text it claims to be."""
    if any("\x00" in cell for cell in cells):
        raise CSVImportError(f"Row {row_number} contains a NUL character (U+0000): save the file again as text.")
    return cells


def detect_delimiter(header_line: str) -> str:
    """The separator used by the header line: ``,``, ``;`` or tab, whichever occurs most (``,`` on a tie)."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    return max(_DELIMITERS, key=lambda delimiter: (unquoted.count(delimiter), delimiter == ","))


def _text_lines(source: str | bytes | IO[str] | IO[bytes]) -> Iterator[str]:
    if isinstance(source, str):
        return iter(io.StringIO(source, newline=""))
    if isinstance(source, bytes | bytearray):
        return iter(io.StringIO(decode_spreadsheet_bytes(bytes(source)), newline=""))
    if isinstance(source, io.TextIOBase):
        return iter(source)
    sample = source.read(0)
    if isinstance(sample, bytes):
        return iter(io.StringIO(decode_spreadsheet_bytes(source.read()), newline=""))
    return iter(source)


def decode_spreadsheet_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM), else windows-1252: what Excel writes for "CSV" in French Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_header(cells: list[str]) -> dict[str, int]:
    names = [_column_name(cell) for cell in cells]
    if "url" not in names:
        looks_like_data = any("://" in cell for cell in cells)
        hint = " The first row looks like data: add a header row." if looks_like_data else ""
        raise CSVImportError(f"The header row has no “url” column (expected columns: {', '.join(COLUMNS)}).{hint}")
    duplicated = sorted({name for name in names if name in COLUMNS and names.count(name) > 1})
    if duplicated:
        raise CSVImportError(f"The header row names these columns more than once: {', '.join(duplicated)}.")
    return {name: index for index, name in enumerate(names) if name in COLUMNS}


def _column_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().removeprefix("\ufeff").lower())


class _RowReader:
    """Reads one row's cells into a LinkRow, collecting every problem rather than stopping at the first."""

    def __init__(self, columns: dict[str, int], cells: list[str], seen_urls: dict[str, int], row_number: int):
        self.cells = {name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()}
        self.seen_urls = seen_urls
        self.row_number = row_number
        self.problems: list[RowProblem] = []

    def read(self) -> LinkRow | RowError:
        row = LinkRow(
            url=self.url(),
            title=self.text("title", MAX_TITLE),
            description=self.text("description", MAX_DESCRIPTION),
            language=self.language(),
            category=self.category(),
            tags=self.items("tags"),
            departments=self.items("departments"),
            interests=self.items("interests"),
            campaign=self.text("campaign", MAX_CAMPAIGN),
            not_before=self.date("not_before"),
            not_after=self.date("not_after"),
        )
        if row.not_before and row.not_after and row.not_after < row.not_before:
            self.refuse("dates_reversed", "not_after",
                        f"not_after ({row.not_after}) is before not_before ({row.not_before}).")
        return RowError(tuple(self.problems)) if self.problems else row

    def refuse(self, code: str, column: str, message: str) -> None:
        self.problems.append(RowProblem(code, column, message))

    def url(self) -> str:
        raw = self.cells["url"]
        if not raw:
            self.refuse("missing_url", "url", "The url cell is empty.")
            return ""
        try:
            url = canonical_url(raw)
        except InvalidURL as error:
            self.refuse("invalid_url", "url", f"Invalid url: {error.message}")
            return ""
        first_row = self.seen_urls.setdefault(url, self.row_number)
        if first_row != self.row_number:
            self.refuse("duplicate_url", "url", f"Same url as row {first_row}.")
        return url

    def text(self, column: str, limit: int) -> str | None:
        value = clean_text(self.cells.get(column))
        if value and len(value) > limit:
            self.refuse("too_long", column, f"The {column} is longer than {limit} characters.")
        return value

    def language(self) -> str | None:
        raw = self.cells.get("language")
        language = normalise_language_tag(raw)
        if raw and not language:
            self.refuse("bad_language", "language", f"“{raw}” is not a language code such as fr or en-GB.")
        return language

    def category(self) -> str | None:
        raw = (self.cells.get("category") or "").lower()
        category = CATEGORY_ALIASES.get(raw, raw)
        if category and category not in CATEGORIES:
            self.refuse("unknown_category", "category",
                        f"Unknown category “{self.cells['category']}” (expected {', '.join(CATEGORIES)}).")
        return category or None

    def items(self, column: str) -> tuple[str, ...]:
        values = (clean_text(value) for value in _LIST_SEPARATORS.split(self.cells.get(column) or ""))
        items = _unique_case_insensitive(value for value in values if value)
        if any(len(item) > MAX_LIST_ITEM for item in items):
            self.refuse("too_long", column, f"A value in {column} is longer than {MAX_LIST_ITEM} characters.")
        return items

    def date(self, column: str) -> date | None:
        raw = self.cells.get(column)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.refuse("bad_date", column, f"{column} “{raw}” is not a date written YYYY-MM-DD.")
            return None


def _unique_case_insensitive(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())
