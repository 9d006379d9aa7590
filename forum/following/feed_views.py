"""Atom feeds: new threads, a tag's threads, a thread's replies, a member's writing."""

from flask import Blueprint

bp = Blueprint("feeds", __name__)
