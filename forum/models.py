"""Every model of every area, imported in one place so Alembic and create_all see them all."""

from .accounts.models import User
from .debate.models import Position, Vote
from .tags.models import Tag, TagFollow, thread_tags
from .threads.models import Reply, Revision, Thread

__all__ = ["Position", "Reply", "Revision", "Tag", "TagFollow", "Thread", "User", "Vote"]
__all__ += ["thread_tags"]
