"""The library's pages: "To share" for every employee, and the curators' pages under /admin/library.

Routes stay thin: they read the form with the API's schemas (server.library.pages.forms), call one
service function and render. The routes themselves live in employee.py, admin_links.py and
admin_sourcing.py, attached to the two blueprints below.
"""

from flask import Blueprint

from server.db import utcnow
from server.library.labels import library_labels
from server.library.pages.forms import local_input
from server.library.refusals import fetch_problem
from server.library.share_sources import share_url

employee_bp = Blueprint("library", __name__)
admin_bp = Blueprint("library_admin", __name__, url_prefix="/admin/library")


def _template_globals():
    return {**library_labels(), "share_url": share_url, "fetch_problem": fetch_problem, "now": utcnow(),
            "local_input": local_input}


for _blueprint in (employee_bp, admin_bp):
    _blueprint.context_processor(_template_globals)
