"""Accounts: register, log in (with the second factor) and out, and password reset by email.

The settings pages join this blueprint from settings_views.
"""

import time

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from .. import limits
from ..errors import ActionError
from ..securitylog import log_event
from ..web import render_form, safe_next, show_action_error
from . import actions, sessions, twofactor
from .forms import (
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
    SecondFactorForm,
)

bp = Blueprint("auth", __name__)


def sign_in_as(user, remember: bool = False) -> None:
    """Start a fresh session for the member: nothing from before signing in carries over."""
    session.clear()  # a new session, so a fixed or stolen pre-login cookie is worth nothing
    g.pop("csrf_token", None)
    sessions.start_session(user, remember)
    login_user(user, remember=remember, duration=current_app.config["REMEMBER_COOKIE_DURATION"])


@bp.route("/register", methods=["GET", "POST"])
@limits.registering
def register():
    """Create an account and log straight in."""
    if current_user.is_authenticated:
        return redirect(url_for("threads.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = actions.register_user(
                form.username.data.strip(), form.email.data, form.password.data
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            sign_in_as(user)
            log_event("login_success", user_id=user.id, via="registration")
            flash(_("Welcome to Counterpoint, %(name)s.", name=user.username), "success")
            return redirect(url_for("threads.index"))
    return render_form("auth/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limits.login_failures
def login():
    """Log in with a username or email; failures are throttled per account and per client."""
    if current_user.is_authenticated:
        return redirect(url_for("threads.index"))
    form = LoginForm()
    refusal = None
    if form.validate_on_submit():
        try:
            user = actions.sign_in(form.username.data, form.password.data)
        except ActionError as error:
            refusal = error
            show_action_error(form, error)
            log_event("login_throttled", retry_after=error.retry_after)
        else:
            if user is not None and user.is_active:
                target = safe_next(request.args.get("next"), url_for("threads.index"))
                if user.has_two_factor:
                    return ask_for_second_factor(user, form.remember.data, target)
                return finish_sign_in(user, form.remember.data, target)
            g.login_failed = True
            if user is None:
                form.form_errors.append(_("That username or password is not right."))
            else:
                # Said only after the right password, so it tells nothing to a stranger.
                log_event("login_failure", user_id=user.id, reason="banned")
                form.form_errors.append(
                    _("This account is banned: %(reason)s", reason=user.sanction_reason)
                )
    if request.method == "POST":
        # The login form's token is single-use: a replayed or scripted form needs a new page.
        session.pop("csrf_token", None)
        g.pop("csrf_token", None)
    page, status = render_form("auth/login.html", form)
    if refusal is not None:
        return page, refusal.status, refusal.headers
    return page, status


def finish_sign_in(user, remember: bool, target: str, factor: str = "password"):
    """Sign the member in and send them where they were going."""
    sign_in_as(user, remember=remember)
    log_event("login_success", user_id=user.id, factor=factor)
    flash(_("Logged in as %(name)s.", name=user.username), "success")
    return redirect(target)


def ask_for_second_factor(user, remember: bool, target: str):
    """The password was right; remember that (briefly) and ask for the code."""
    session.clear()
    session["second_factor"] = {
        "user": user.id,
        "remember": bool(remember),
        "next": target,
        "at": int(time.time()),
    }
    return redirect(url_for("auth.second_factor"))


@bp.route("/login/code", methods=["GET", "POST"])
def second_factor():
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    pending = session.get("second_factor") or {}
    user = actions.user_awaiting_second_factor(pending)
    if user is None:
        session.pop("second_factor", None)
        flash(_("Log in again: the code must follow the password within five minutes."), "info")
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    refusal = None
    if form.validate_on_submit():
        try:
            twofactor.verify_second_factor(user, form.code.data)
        except ActionError as error:
            refusal = error if error.status == 429 else None
            show_action_error(form, error)
            log_event("login_failure", user_id=user.id, factor="code")
        else:
            return finish_sign_in(user, pending["remember"], pending["next"], factor="code")
    page, status = render_form("auth/second_factor.html", form)
    if refusal is not None:
        return page, refusal.status, refusal.headers
    return page, status


@bp.post("/logout")
def logout():
    """End the session here: its record goes, so a copied cookie stops working too."""
    if current_user.is_authenticated:
        log_event("logout")
        sessions.end_session(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("threads.index"))


@bp.post("/logout/everywhere")
@login_required
def logout_everywhere():
    """End every session of this account, on every device, this one included."""
    log_event("logout_everywhere")
    sessions.end_every_session(current_user._get_current_object())
    logout_user()
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for("threads.index"))


@bp.route("/reset-password", methods=["GET", "POST"])
@limits.reset_per_client
@limits.reset_per_account
def request_reset():
    """Mail a reset link; the answer is the same whether or not the address is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        actions.request_password_reset(form.email.data)
        log_event("password_reset_request")
        return render_template("auth/reset_sent.html")
    return render_form("auth/reset_request.html", form)


@bp.get("/reset-password/<token>")
def reset_password_link(token: str):
    """Take the token out of the address at once, so logs and Referer never carry it."""
    if actions.user_for_reset_token(token) is None:
        return render_template("auth/reset_invalid.html"), 400
    session["reset_token"] = token
    return redirect(url_for("auth.reset_password"))


@bp.route("/reset-password/new", methods=["GET", "POST"])
def reset_password():
    """Choose a new password, for the account whose mailed link opened this page."""
    user = actions.user_for_reset_token(session.get("reset_token", ""))
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            actions.reset_password(user, form.password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            session.pop("reset_token", None)
            log_event("password_reset", user_id=user.id)
            flash(_("Your password is changed. Log in with it now."), "success")
            return redirect(url_for("auth.login"))
    return render_form("auth/reset_password.html", form)
