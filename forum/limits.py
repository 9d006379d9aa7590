"""Request limits: who is counted, and the decorators the areas put on their views.

Each limit is a configuration value (RATELIMIT_*), read per request so a test or an
operator can change it. Signed-in members are counted per account, everyone else per
keyed hash of their address (never the address itself).
"""

from __future__ import annotations

import hashlib

from flask import current_app, g, request
from flask_login import current_user

from .addresses import client_digest
from .extensions import limiter


def member_or_client() -> str:
    """The member's account when signed in, else the client's hashed address."""
    if current_user and current_user.is_authenticated:
        return f"member:{current_user.id}"
    return f"client:{client_digest()}"


def client() -> str:
    """The client's hashed address, whoever is signed in."""
    return f"client:{client_digest()}"


def typed_email() -> str:
    """The account a reset is asked for, as a hash of the address typed."""
    email = request.form.get("email", "").strip().lower()
    return "email:" + hashlib.sha256(email.encode()).hexdigest()[:32]


def configured(name: str):
    """The limit named in the configuration, read when the request comes."""
    return lambda: current_app.config[name]


def login_failed(response) -> bool:
    """Only failed sign-ins count against a client's login limit."""
    return bool(g.get("login_failed"))


posting = limiter.shared_limit(configured("RATELIMIT_POSTING"), scope="posting", methods=["POST"])
preview = limiter.limit(configured("RATELIMIT_PREVIEW"), methods=["POST"])
reporting = limiter.shared_limit(
    configured("RATELIMIT_REPORTING"), scope="reporting", methods=["POST"]
)
voting = limiter.shared_limit(configured("RATELIMIT_VOTING"), scope="voting", methods=["POST"])
registering = limiter.limit(configured("RATELIMIT_REGISTER"), key_func=client, methods=["POST"])
login_failures = limiter.limit(
    configured("RATELIMIT_LOGIN_FAILURES_PER_CLIENT"),
    key_func=client,
    methods=["POST"],
    deduct_when=login_failed,
)
reset_per_client = limiter.limit(
    configured("RATELIMIT_RESET_PER_CLIENT"), key_func=client, methods=["POST"]
)
reset_per_account = limiter.limit(
    configured("RATELIMIT_RESET_PER_ACCOUNT"), key_func=typed_email, methods=["POST"]
)
