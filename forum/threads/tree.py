"""Reply trees: turn a thread's flat list of replies into nested nodes for one page."""

from collections import defaultdict
from dataclasses import dataclass, field

# How many levels one page shows before it links to a "continue this thread" page.
LEVELS_PER_PAGE = 6


@dataclass
class Node:
    """One reply on a page, with the replies shown under it."""

    post: object
    children: list["Node"] = field(default_factory=list)
    hidden_replies: int = 0  # replies below this one that live on its "continue" page


def children_by_parent(posts) -> dict[int | None, list]:
    """Group replies by parent id, oldest first within each group."""
    grouped: dict[int | None, list] = defaultdict(list)
    for post in sorted(posts, key=lambda p: (p.created_at, p.id)):
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


def build_page(posts, root_id: int | None = None, levels: int = LEVELS_PER_PAGE) -> list[Node]:
    """Nodes for a page rooted at the thread (root_id None) or at one reply.

    The page shows `levels` levels; a reply on the last level that has replies of its own
    gets `hidden_replies`, and its subtree continues on a page rooted at it.
    """
    grouped = children_by_parent(posts)
    by_id = {post.id: post for post in posts}

    def grow(post, level: int) -> Node:
        node = Node(post)
        if level == levels:
            node.hidden_replies = count_descendants(grouped, post.id)
            return node
        node.children = [grow(kid, level + 1) for kid in grouped.get(post.id, [])]
        return node

    if root_id is None:
        return [grow(post, 1) for post in grouped.get(None, [])]
    return [grow(by_id[root_id], 1)] if root_id in by_id else []


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
