"""Accounts: register, log in and out, settings, and password reset by email."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import ActionError, BadInput
from ..web import render_form, safe_next, show_action_error
from . import actions
from .forms import (
    EmailForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)

bp = Blueprint("auth", __name__)

SETTINGS_FORMS = {"profile": ProfileForm, "email": EmailForm, "password": PasswordForm}


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
        except ActionError as error:
            show_action_error(form, error)
        else:
            login_user(user)
            flash(_("Welcome to Counterpoint, %(name)s.", name=user.username), "success")
            return redirect(url_for("threads.index"))
    return render_form("auth/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in with a username or email."""
    if current_user.is_authenticated:
        return redirect(url_for("threads.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = actions.authenticate(form.username.data, form.password.data)
        if user is None:
            form.form_errors.append(_("That username or password is not right."))
        elif not user.is_active:
            # Said only after the right password, so it tells nothing to a stranger.
            form.form_errors.append(
                _("This account is banned: %(reason)s", reason=user.sanction_reason)
            )
        else:
            login_user(user, remember=form.remember.data)
            flash(_("Logged in as %(name)s.", name=user.username), "success")
            return redirect(safe_next(request.args.get("next"), url_for("threads.index")))
    return render_form("auth/login.html", form)


@bp.post("/logout")
def logout():
    """End the session."""
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("threads.index"))


def settings_page(sent: str | None = None, sent_form=None):
    """The settings page with its three forms; the one that was sent keeps its input."""
    forms = {
        name: form_class(formdata=None, obj=current_user if name == "profile" else None)
        for name, form_class in SETTINGS_FORMS.items()
        if name != sent
    }
    if sent is not None:
        forms[sent] = sent_form
    return render_form("auth/settings.html", forms["profile"], **forms)


@bp.get("/settings")
@login_required
def settings():
    """Change the profile, email or password."""
    return settings_page()


@bp.post("/settings/profile")
@login_required
def settings_profile():
    """Save the public bio, affiliation and organisation."""
    form = ProfileForm()
    if form.validate_on_submit():
        try:
            actions.update_profile(
                current_user,
                form.bio.data or "",
                form.affiliation.data,
                form.organisation.data or "",
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Profile saved."), "success")
            return redirect(url_for("auth.settings"))
    return settings_page("profile", form)


@bp.post("/settings/email")
@login_required
def settings_email():
    """Change the email address, with the current password."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            actions.change_email(current_user, form.email.data, form.current_password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Email changed."), "success")
            return redirect(url_for("auth.settings"))
    return settings_page("email", form)


@bp.post("/settings/password")
@login_required
def settings_password():
    """Change the password, with the current one; other devices are logged out."""
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            actions.change_password(user, form.current_password.data, form.new_password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            login_user(user)  # the session id includes the password's fingerprint; renew it here
            flash(_("Password changed. Other devices are logged out."), "success")
            return redirect(url_for("auth.settings"))
    return settings_page("password", form)


SETTINGS_VIEWS = {
    "profile": settings_profile,
    "email": settings_email,
    "password": settings_password,
}


@bp.post("/settings")
@login_required
def settings_by_name():
    """The older single address for all three forms, chosen by the `form` field."""
    view = SETTINGS_VIEWS.get(request.form.get("form", ""))
    if view is None:
        raise BadInput(_("Unknown settings form."))
    return view()


@bp.route("/reset-password", methods=["GET", "POST"])
def request_reset():
    """Mail a reset link; the answer is the same whether or not the address is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        actions.request_password_reset(form.email.data)
        return render_template("auth/reset_sent.html")
    return render_form("auth/reset_request.html", form)


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
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Your password is changed. Log in with it now."), "success")
            return redirect(url_for("auth.login"))
    return render_form("auth/reset_password.html", form)
