"""Every model of every area, imported in one place so Alembic and create_all see them all."""

from .accounts.models import AffiliationChange, User
from .debate.models import (
    Credit,
    Position,
    PositionChange,
    Summary,
    SummaryRevision,
    Vote,
)
from .following import models as following_models  # noqa: F401
from .moderation.models import Appeal, ModerationAction, Report
from .search import models as search_models  # noqa: F401
from .tags.models import Tag, TagAlias, TagFollow, thread_tags
from .threads.models import Reply, Revision, SourceMark, Thread

__all__ = ["Credit", "Position", "PositionChange", "Reply", "Revision", "SourceMark", "Summary"]
__all__ += ["SummaryRevision", "Tag", "TagFollow", "Thread", "User", "Vote"]
__all__ += ["AffiliationChange", "thread_tags"]
__all__ += ["Appeal", "ModerationAction", "Report", "TagAlias"]
