"""Pages of the following area."""

from flask import Blueprint

bp = Blueprint("following", __name__)
