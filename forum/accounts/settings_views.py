"""Settings: profile, email, password, devices and two-factor sign-in, under /settings.

The routes join the auth blueprint, so their endpoints are `auth.*` like the sign-in pages.
"""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..errors import ActionError, BadInput
from ..securitylog import log_event
from ..web import render_form, show_action_error
from . import actions, sessions, twofactor
from .forms import (
    ConfirmForm,
    EmailForm,
    EnableTwoFactorForm,
    PasswordCheckForm,
    PasswordForm,
    ProfileForm,
)
from .views import bp

SETTINGS_FORMS = {"profile": ProfileForm, "email": EmailForm, "password": PasswordForm}


@bp.post("/settings/sessions/end-others")
@login_required
def end_other_sessions():
    """Log out every other device, keeping this one signed in."""
    ended = sessions.end_other_sessions(current_user._get_current_object())
    log_event("sessions_ended", count=ended)
    flash(
        ngettext("%(num)d other session ended.", "%(num)d other sessions ended.", ended),
        "success",
    )
    return redirect(url_for("auth.settings"))


def settings_page(sent: str | None = None, sent_form=None):
    """The settings page with its three forms; the one that was sent keeps its input."""
    forms = {
        name: form_class(formdata=None, obj=current_user if name == "profile" else None)
        for name, form_class in SETTINGS_FORMS.items()
        if name != sent
    }
    if sent is not None:
        forms[sent] = sent_form
    user = current_user._get_current_object()
    return render_form(
        "auth/settings.html",
        forms["profile"],
        **forms,
        devices=sessions.member_sessions(user),
        current_session_id=user.current_session_id,
    )


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
    """Ask to change the email address, with the current password; the new one must confirm."""
    form = EmailForm()
    if form.validate_on_submit():
        try:
            actions.request_email_change(current_user, form.email.data, form.current_password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            log_event("email_change_request")
            flash(
                _(
                    "We sent a confirmation link to %(email)s. Your address changes when you "
                    "open it.",
                    email=form.email.data.strip().lower(),
                ),
                "success",
            )
            return redirect(url_for("auth.settings"))
    return settings_page("email", form)


@bp.get("/settings/email/confirm/<token>")
def confirm_email_link(token: str):
    """Take the token out of the address (logs, Referer), then ask to confirm."""
    session["email_change_token"] = token
    return redirect(url_for("auth.confirm_email"))


@bp.route("/settings/email/confirm", methods=["GET", "POST"])
def confirm_email():
    """Confirm the new address from the mailed link: the change happens on this POST."""
    change = actions.email_change_for_token(session.get("email_change_token", ""))
    if change is None:
        return render_template("auth/email_confirm_invalid.html"), 400
    user, new_email = change
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            actions.confirm_email_change(user, new_email)
        except ActionError as error:
            show_action_error(form, error)
        else:
            session.pop("email_change_token", None)
            log_event("email_change", user_id=user.id)
            flash(_("Your email address is now %(email)s.", email=new_email), "success")
            return redirect(url_for("threads.index"))
    return render_form("auth/email_confirm.html", form, new_email=new_email)


@bp.post("/settings/password")
@login_required
def settings_password():
    """Change the password, with the current one; other devices are logged out."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            actions.change_password(
                current_user._get_current_object(),
                form.current_password.data,
                form.new_password.data,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            log_event("password_change")
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


# Two-factor sign-in ---------------------------------------------------------------------


@bp.route("/settings/two-factor", methods=["GET"])
@login_required
def two_factor():
    """Two-factor sign-in: set it up, or manage it once it is on."""
    user = current_user._get_current_object()
    if user.has_two_factor:
        return two_factor_page(user)
    return two_factor_page(user, enable_form=EnableTwoFactorForm(formdata=None))


def two_factor_page(user, enable_form=None, manage_form=None, codes=None):
    """The two-factor page; while it is off, the secret being set up lives in the session."""
    secret = None
    if not user.has_two_factor:
        secret = session.setdefault("totp_setup", twofactor.new_secret())
    return render_form(
        "auth/two_factor.html",
        enable_form or manage_form or PasswordCheckForm(formdata=None),
        enable_form=enable_form,
        manage_form=manage_form or PasswordCheckForm(formdata=None),
        secret=secret,
        setup_uri=twofactor.setup_uri(user, secret) if secret else None,
        codes=codes,
        codes_left=twofactor.unused_recovery_codes(user) if user.has_two_factor else 0,
    )


@bp.post("/settings/two-factor/enable")
@login_required
def enable_two_factor():
    """Turn two-factor sign-in on and show the recovery codes, once."""
    user = current_user._get_current_object()
    form = EnableTwoFactorForm()
    secret = session.get("totp_setup")
    if user.has_two_factor or not secret:
        return redirect(url_for("auth.two_factor"))
    if form.validate_on_submit():
        try:
            codes = twofactor.enable(user, secret, form.code.data, form.current_password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            session.pop("totp_setup", None)
            log_event("two_factor_enabled")
            flash(_("Two-factor sign-in is on."), "success")
            return two_factor_page(user, codes=codes)
    return two_factor_page(user, enable_form=form)


@bp.post("/settings/two-factor/<any(disable,'recovery-codes'):change>")
@login_required
def manage_two_factor(change: str):
    """Turn two-factor sign-in off, or replace the recovery codes; both need the password."""
    user = current_user._get_current_object()
    form = PasswordCheckForm()
    if not user.has_two_factor:
        return redirect(url_for("auth.two_factor"))
    if form.validate_on_submit():
        try:
            if change == "disable":
                twofactor.disable(user, form.current_password.data)
            else:
                codes = twofactor.regenerate_recovery_codes(user, form.current_password.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            if change == "disable":
                log_event("two_factor_disabled")
                flash(_("Two-factor sign-in is off."), "info")
                return redirect(url_for("auth.two_factor"))
            log_event("recovery_codes_replaced")
            return two_factor_page(user, codes=codes)
    return two_factor_page(user, manage_form=form)
