"""The share area's page blueprint; its routes live in account_pages, share_pages and review_pages."""

from flask import Blueprint

bp = Blueprint("shares", __name__)
