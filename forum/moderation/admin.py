"""Admin pages: granting and revoking the moderator role. The whole blueprint is admins-only."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import twofactor
from ..accounts.queries import user_named
from ..errors import ActionError, NotAllowed
from ..extensions import db, login_manager
from . import member_actions, queries
from .forms import RoleForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    """Every route here: visitors log in, everyone but admins gets a 403."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_admin:
        raise NotAllowed(_("Only admins can change roles."))
    if twofactor.must_set_up(current_user):
        return twofactor.setup_redirect()
    return None


@bp.get("/users")
def users():
    """Every account with its role, and a form to change it."""
    return render_template(
        "admin/users.html",
        users=queries.staff_and_members(),
        roles=RoleForm(formdata=None).role.choices,
    )


@bp.post("/users/<username>/role")
def change_role(username: str):
    """Give a member another role, with a reason for the log."""
    member = db.one_or_404(user_named(username))
    form = RoleForm()
    if form.validate_on_submit():
        try:
            member_actions.set_role(current_user, member, form.role.data, form.reason.data)
        except ActionError as error:
            flash(error.message, "error")
        else:
            flash(
                _("%(name)s is now %(role)s.", name=member.username, role=member.role_name),
                "success",
            )
    else:
        for messages in form.errors.values():
            for message in messages:
                flash(str(message), "error")
    return redirect(url_for("admin.users"))
