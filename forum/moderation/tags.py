"""Moderators manage tags at /mod/tags: create, rename, describe and merge.

The routes join the moderation blueprint, so its moderators-only guard covers them too.
"""

from dataclasses import dataclass

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..errors import ActionError
from ..extensions import db
from ..tags.models import Tag
from ..tags.queries import tag_named, tags_with_counts
from ..web import render_form, show_action_error
from . import tag_actions
from .tag_forms import MergeTagForm, TagForm, for_tag
from .views import bp


@dataclass
class TagRow:
    """One tag on the page, with its thread count and its own edit and merge forms."""

    tag: Tag
    count: int
    edit: TagForm
    merge: MergeTagForm
    open: bool  # a refused form is shown unfolded, with its errors


def manage_page(new: TagForm | None = None, refused: Tag | None = None, form=None):
    """The tag list with every form; a refused form comes back filled in (a 400)."""
    rows = []
    for tag, count in tags_with_counts():
        mine = refused is not None and tag.id == refused.id
        edit = form if mine and isinstance(form, TagForm) else TagForm(formdata=None, obj=tag)
        merge = form if mine and isinstance(form, MergeTagForm) else MergeTagForm(formdata=None)
        rows.append(
            TagRow(tag, count, for_tag(edit, tag, "edit"), for_tag(merge, tag, "merge"), mine)
        )
    return render_form(
        "moderation/tags.html", new or TagForm(formdata=None), rows=rows, refused=form
    )


def back_to(tag: Tag):
    """Back to the page, at the tag just changed."""
    return redirect(url_for("moderation.tags", _anchor=f"tag-{tag.slug}"))


@bp.get("/tags")
def tags():
    """Every tag with its thread count, and the forms to create, edit and merge tags."""
    return manage_page()


@bp.post("/tags")
def create_tag():
    """Create a tag."""
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag = tag_actions.create_tag(
                current_user,
                form.slug.data,
                form.name.data,
                form.description.data,
                form.reason.data,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Tag #%(slug)s created.", slug=tag.slug), "success")
            return back_to(tag)
    return manage_page(new=form)


@bp.post("/tags/<slug>")
def edit_tag(slug: str):
    """Change a tag's slug, name or description; the old slug redirects to it."""
    tag = db.one_or_404(tag_named(slug))
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag_actions.edit_tag(
                current_user,
                tag,
                form.slug.data,
                form.name.data,
                form.description.data,
                form.reason.data,
            )
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("Tag #%(slug)s saved.", slug=tag.slug), "success")
            return back_to(tag)
    return manage_page(refused=tag, form=form)


@bp.post("/tags/<slug>/merge")
def merge_tag(slug: str):
    """Merge a tag into another: its threads and followers move, its slug redirects there."""
    tag = db.one_or_404(tag_named(slug))
    form = MergeTagForm()
    if form.validate_on_submit():
        old_slug = tag.slug
        try:
            into = tag_actions.merge_tag(current_user, tag, form.into.data, form.reason.data)
        except ActionError as error:
            show_action_error(form, error)
        else:
            flash(_("#%(old)s merged into #%(new)s.", old=old_slug, new=into.slug), "success")
            return back_to(into)
    return manage_page(refused=tag, form=form)
