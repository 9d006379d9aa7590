"""Reply trees: turn a thread's flat list of replies into ordered, nested nodes for one page."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

# How many levels one page shows before it links to a "continue this thread" page.
LEVELS_PER_PAGE = 6
# How many top-level replies (with their subtrees) one page of a thread shows.
TOP_LEVEL_PER_PAGE = 50
ORDERS = ("best", "newest", "oldest")
# A credit ("changed my mind") weighs three convincing votes.
CREDIT_WEIGHT = 3


@dataclass
class Node:
    """One reply on a page, with the replies shown under it."""

    post: object
    parent: object = None  # the reply this one answers, when it is on the same page
    children: list["Node"] = field(default_factory=list)
    hidden_replies: int = 0  # replies below this one that live on its "continue" page
    descendants: int = 0  # every reply below this one, shown or not


def best_score(reply, now: datetime) -> float:
    """Votes plus weighted credits, gently discounted by age so a strong new reply can rise."""
    points = reply.vote_count + CREDIT_WEIGHT * getattr(reply, "credit_count", 0)
    age_hours = max((now - reply.created_at).total_seconds() / 3600, 0)
    return points / (1 + age_hours / 24) ** 0.5


def sort_key(order: str, now: datetime | None = None):
    """The sibling order: best first, newest first or oldest first; ties go to the older."""
    now = now or datetime.now(UTC)
    if order == "best":
        return lambda reply: (-best_score(reply, now), reply.created_at, reply.id)
    if order == "newest":
        return lambda reply: (-reply.created_at.timestamp(), -reply.id)
    return lambda reply: (reply.created_at, reply.id)


def children_by_parent(posts, order: str = "oldest") -> dict[int | None, list]:
    """Group replies by parent id, each group in the chosen order."""
    grouped: dict[int | None, list] = defaultdict(list)
    for post in sorted(posts, key=sort_key(order)):
        grouped[post.parent_id].append(post)
    return grouped


def count_descendants(grouped, post_id: int) -> int:
    """Count every reply beneath a reply, at any depth."""
    total, stack = 0, [post_id]
    while stack:
        kids = grouped.get(stack.pop(), [])
        total += len(kids)
        stack.extend(kid.id for kid in kids)
    return total


def build_page(
    posts,
    root_id: int | None = None,
    levels: int = LEVELS_PER_PAGE,
    order: str = "oldest",
    top_level: list | None = None,
) -> list[Node]:
    """Nodes for a page rooted at the thread (root_id None) or at one reply.

    The page shows `levels` levels; a reply on the last level that has replies of its own
    gets `hidden_replies`, and its subtree continues on a page rooted at it. `top_level`
    limits the thread page to one page of top-level replies.
    """
    grouped = children_by_parent(posts, order)
    by_id = {post.id: post for post in posts}

    def grow(post, level: int) -> Node:
        parent = by_id.get(post.parent_id)
        node = Node(post, parent=parent, descendants=count_descendants(grouped, post.id))
        if level == levels:
            node.hidden_replies = node.descendants
            return node
        node.children = [grow(kid, level + 1) for kid in grouped.get(post.id, [])]
        return node

    if root_id is None:
        roots = grouped.get(None, []) if top_level is None else top_level
        return [grow(post, 1) for post in roots]
    return [grow(by_id[root_id], 1)] if root_id in by_id else []


def top_level_page(posts, order: str, after: int | None, size: int = TOP_LEVEL_PER_PAGE):
    """One page of top-level replies in order, after the reply `after`; and the next cursor.

    The cursor is the id of the last top-level reply shown: the page after it starts with the
    reply that follows it in the same order.
    """
    roots = sorted((post for post in posts if post.parent_id is None), key=sort_key(order))
    start = 0
    if after is not None:
        ids = [post.id for post in roots]
        if after not in ids:
            raise ValueError(f"{after} is not a top-level reply of this thread")
        start = ids.index(after) + 1
    page = roots[start : start + size]
    more = start + size < len(roots)
    return page, (page[-1].id if more and page else None)


def page_root_depth(depth: int) -> int | None:
    """Depth of the reply whose page shows a reply at `depth`; None for the thread page.

    The thread page shows depths 1-6; the page of a depth-6 reply shows 6-11, that of a
    depth-11 reply 11-16, and so on.
    """
    if depth <= LEVELS_PER_PAGE:
        return None
    step = LEVELS_PER_PAGE - 1
    return LEVELS_PER_PAGE + step * ((depth - LEVELS_PER_PAGE - 1) // step)


def ancestors(posts, post_id: int) -> list:
    """The chain of replies above a reply, from the top-level one down to its parent."""
    by_id = {post.id: post for post in posts}
    chain = []
    current = by_id.get(post_id)
    while current is not None and current.parent_id is not None:
        current = by_id.get(current.parent_id)
        if current is not None:
            chain.append(current)
    return list(reversed(chain))
