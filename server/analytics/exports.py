"""CSV exports of the results' tables: what a page shows in a table can be taken to a spreadsheet.

Cells that a spreadsheet would run as a formula (starting with =, +, - or @) are prefixed with a quote, so
that a link title written by someone cannot become a formula on the reader's computer.
"""

import csv
import io

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) and not _is_number(text) else text


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(filename, header, rows):
    """A CSV download (UTF-8 with a byte order mark, which spreadsheets need to read accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(title) for title in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
