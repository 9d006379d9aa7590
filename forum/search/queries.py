"""Searching threads and replies: one interface over FTS5 (SQLite) and tsvector (PostgreSQL).

Both backends return the same rows for the same data: words match whole, lower-cased,
accents kept; a title match outranks a body mention; ties go to the newer item. Every result
is joined back to the live tables, so hidden, deleted or moved-away text is never found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import Select, column, func, literal, literal_column, select
from sqlalchemy import table as sql_table
from sqlalchemy import text as sql_text

from ..accounts.models import DELETED_NAME, User
from ..extensions import db
from ..tags.models import Tag, thread_tags
from ..threads.models import Reply, Thread
from .models import INDEX_TABLE, TS_CONFIG, VECTOR_COLUMN
from .text import SearchQuery, fts5_match, highlight, parse_query, snippet, websearch_text

PER_PAGE = 20
# Relevance pages are counted, not keyed: past this many, refine the query instead.
MAX_PAGES = 20
SORTS = ("relevance", "newest")
# Each search ranks at most the newest this many matching threads, and as many replies:
# a word found in half the forum would otherwise score every row it is in. Rarer words
# (nearly every real query) are ranked over all their matches.
WINDOW = 500
# bm25 weights per FTS5 column: a title match counts ten times a body mention.
TITLE_WEIGHT, BODY_WEIGHT = "10.0", "1.0"


@dataclass
class Hit:
    """One thread or reply that matched, with its highlighted title and snippet."""

    kind: str
    item_id: int
    thread_id: int
    thread_slug: str
    title: Markup
    snippet: Markup
    author: str
    created_at: datetime

    @property
    def is_reply(self) -> bool:
        """A reply (shown under its thread's title) rather than a thread's opening post."""
        return self.kind == "reply"


@dataclass
class Results:
    """A page of hits for a parsed query."""

    query: SearchQuery
    hits: list[Hit]
    page: int
    has_next: bool
    sort: str


def search(text: str, sort: str = "relevance", page: int = 1) -> Results:
    """The page of threads and replies matching what was typed, best (or newest) first."""
    query = parse_query(text)
    sort = sort if sort in SORTS else "relevance"
    page = min(max(page, 1), MAX_PAGES)
    if query.is_empty:
        return Results(query, [], page, False, sort)
    branch = _postgres_branch if db.engine.dialect.name == "postgresql" else _sqlite_branch
    thread_part, reply_part = branch(query, Thread), branch(query, Reply)
    found = thread_part.union_all(reply_part).subquery("found")
    order = [found.c.created_at.desc(), found.c.item_id.desc()]
    if sort == "relevance":
        order.insert(0, found.c.score.desc())
    # Keys first, then the text of the one page: bodies of the whole window are never read.
    keys = db.session.execute(
        select(found.c.kind, found.c.item_id)
        .order_by(*order)
        .limit(PER_PAGE + 1)
        .offset((page - 1) * PER_PAGE)
    ).all()
    shown = keys[:PER_PAGE]
    details = _details(Thread, [key.item_id for key in shown if key.kind == "thread"])
    details |= _details(Reply, [key.item_id for key in shown if key.kind == "reply"])
    # A row hidden or removed between the two reads is left out.
    hits = [_hit(details[tuple(key)], query.words) for key in shown if tuple(key) in details]
    has_next = len(keys) > PER_PAGE and page < MAX_PAGES
    return Results(query, hits, page, has_next, sort)


def _sqlite_branch(query: SearchQuery, model: type) -> Select:
    """The newest matching threads or replies (the window), scored by FTS5's bm25.

    Rowids are −id for threads and id for replies, so each kind is one rowid range and the
    window streams from the index, newest first, without sorting every match.
    """
    index = sql_table(INDEX_TABLE, column("rowid"))
    weights = f"{INDEX_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}"
    # bm25 is lower for better matches; negated so "higher is better" on both backends.
    score = (-func.bm25(literal_column(weights))).label("score")
    matching = sql_text(f"{INDEX_TABLE} MATCH :match").bindparams(match=fts5_match(query))
    if model is Reply:
        key, in_range, newest = index.c.rowid, index.c.rowid > 0, index.c.rowid.desc()
    else:
        key, in_range, newest = -index.c.rowid, index.c.rowid < 0, index.c.rowid.asc()
    window = (
        select(*_columns(model), score)
        .select_from(index)
        .join(model, model.id == key)
        .where(matching, in_range)
        .order_by(newest)
        .limit(WINDOW)
    )
    return select(_live(window, query, model).subquery())


def _postgres_branch(query: SearchQuery, model: type) -> Select:
    """The newest matching threads or replies (the window), scored by ts_rank.

    Ranking runs on the window only: ts_rank reads every vector it scores.
    """
    config = literal_column(f"'{TS_CONFIG}'::regconfig")
    tsquery = func.websearch_to_tsquery(config, websearch_text(query))
    # Ranked on the wanted words alone: ts_rank scores a negated term oddly.
    wanted = func.websearch_to_tsquery(config, websearch_text(query, excluding=False))
    vector = literal_column(f"{model.__tablename__}.{VECTOR_COLUMN}")
    window = (
        select(*_columns(model), vector.label("vector"))
        .where(vector.op("@@")(tsquery))
        .order_by(model.id.desc())
        .limit(WINDOW)
    )
    window = _live(window, query, model).subquery()
    shown = [each for each in window.c if each.key != "vector"]
    return select(*shown, func.ts_rank(window.c.vector, wanted).label("score"))


def _columns(model: type) -> list:
    """The columns both branches of the union share, in the same order."""
    return [
        literal("reply" if model is Reply else "thread").label("kind"),
        model.id.label("item_id"),
        model.created_at.label("created_at"),
    ]


def _details(model: type, ids: list[int]) -> dict:
    """What a page shows of these threads or replies, by (kind, id)."""
    if not ids:
        return {}
    query = (
        select(
            *_columns(model),
            Thread.id.label("thread_id"),
            Thread.slug.label("thread_slug"),
            Thread.title.label("title"),
            model.body_source.label("body"),
            User.username,
            User.deleted_at,
        )
        .select_from(model)
        .join(User, User.id == model.author_id)
        .where(model.id.in_(ids))
    )
    # Checked again: a moderator may have hidden it since the first read.
    rows = db.session.execute(_live(query, SearchQuery(), model)).all()
    return {(row.kind, row.item_id): row for row in rows}


def _live(part: Select, query: SearchQuery, model: type) -> Select:
    """A branch narrowed to live items in live threads and to the typed filters (bound
    values only)."""
    if model is Reply:
        part = part.join(Thread, Thread.id == Reply.thread_id).where(
            Reply.deleted_at.is_(None), Reply.hidden_at.is_(None), Reply.moved_to_id.is_(None)
        )
    part = part.where(Thread.hidden_at.is_(None))
    for slug in query.tags:
        tagged = select(thread_tags.c.thread_id).join(Tag).where(Tag.slug == slug)
        part = part.where(Thread.id.in_(tagged))
    if query.kinds:
        part = part.where(Thread.kind.in_(query.kinds))
    if query.authors:
        # A deleted member's held name finds nothing: it no longer names anyone.
        authors = select(User.id).where(
            User.username_key.in_(query.authors), User.deleted_at.is_(None)
        )
        part = part.where(model.author_id.in_(authors))
    return part


def _hit(row, words: set[str]) -> Hit:
    """A result row made ready to show: member text escaped, only the marks added."""
    return Hit(
        kind=row.kind,
        item_id=row.item_id,
        thread_id=row.thread_id,
        thread_slug=row.thread_slug,
        title=highlight(row.title, words),
        snippet=snippet(row.body, words),
        author=str(DELETED_NAME) if row.deleted_at else row.username,
        created_at=row.created_at,
    )
