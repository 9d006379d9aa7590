"""Accounts: register, log in and out, settings, and password reset by email."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from . import actions
from .errors import render_error
from .forms import (
    EmailForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from .web import show_action_error

bp = Blueprint("auth", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Follow a ?next= only to a path on this site, never to another host."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return fallback


@bp.route("/register", methods=["GET", "POST"])
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
        except actions.ActionError as error:
            show_action_error(form, error)
        else:
            login_user(user)
            flash(f"Welcome to Counterpoint, {user.username}.", "success")
            return redirect(url_for("threads.index"))
    return render_template("auth/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with a username or email."""
    if current_user.is_authenticated:
        return redirect(url_for("threads.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = actions.authenticate(form.username.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            flash(f"Logged in as {user.username}.", "success")
            return redirect(safe_next(request.args.get("next"), url_for("threads.index")))
        form.form_errors.append("That username or password is not right.")
    status = 400 if form.errors or form.form_errors else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout():
    """End the session."""
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("threads.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    """Change the profile, email or password; each form posts its own `form` name."""
    chosen = request.form.get("form") if request.method == "POST" else None

    def build(form_class, name: str, **kwargs):
        # Only the form that was sent reads the request; the others show saved values.
        return form_class(formdata=None if chosen != name else request.form, **kwargs)

    forms = {
        "profile": build(ProfileForm, "profile", obj=current_user),
        "email": build(EmailForm, "email"),
        "password": build(PasswordForm, "password"),
    }
    if chosen is not None:
        form = forms.get(chosen)
        if form is None:
            return render_error(400, "Unknown settings form.")
        if form.validate_on_submit():
            try:
                _apply_settings(chosen, form)
            except actions.ActionError as error:
                show_action_error(form, error)
            else:
                return redirect(url_for("auth.settings"))
    status = 400 if any(f.errors for f in forms.values()) else 200
    return render_template("auth/settings.html", **forms), status


def _apply_settings(chosen: str, form) -> None:
    """Run the action one settings form asks for and say it worked."""
    if chosen == "profile":
        actions.update_profile(current_user, form.bio.data or "", form.affiliation.data or "")
        flash("Profile saved.", "success")
    elif chosen == "email":
        actions.change_email(current_user, form.email.data, form.current_password.data)
        flash("Email changed.", "success")
    else:
        user = current_user._get_current_object()
        actions.change_password(user, form.current_password.data, form.new_password.data)
        login_user(user)  # the session id includes the password's fingerprint; renew it here
        flash("Password changed. Other devices are logged out.", "success")


@bp.route("/reset-password", methods=["GET", "POST"])
def request_reset():
    """Mail a reset link; the answer is the same whether or not the address is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        actions.request_password_reset(form.email.data)
        return render_template("auth/reset_sent.html")
    return render_template("auth/reset_request.html", form=form), 400 if form.errors else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password from a mailed link."""
    user = actions.user_for_reset_token(token)
    if user is None:
        return render_template("auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            actions.reset_password(user, form.password.data)
        except actions.ActionError as error:
            show_action_error(form, error)
        else:
            flash("Your password is changed. Log in with it now.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form), 400 if form.errors else 200
