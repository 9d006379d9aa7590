"""What other areas may add to thread pages, and the writes they may follow."""

from flask_login import current_user

from ..hooks import ActionHook, PageHook

# Called with (thread, reader) on the thread page; e.g. the debate area's position tally.
thread_page = PageHook("thread_page")
# Called with (thread, reader) wherever replies are listed; e.g. which ones the reader voted for.
reply_list = PageHook("reply_list")
# Called with (thread) when a thread is started, before the commit.
thread_started = ActionHook("thread_started")
# Called with (reply) when a reply is posted, before the commit.
reply_posted = ActionHook("reply_posted")
# Called with (reader) on thread listings; may return {"excluded_tag_ids": set} (muted tags).
listing_filter = PageHook("listing_filter")
# Called with (thread, reader, last_post_id) after the thread page is rendered for a reader.
thread_read = ActionHook("thread_read")
# Called with (threads, reader) for a page of a listing: {thread id: badge text}, e.g. "3 new".
thread_rows = PageHook("thread_rows")


def with_row_badges(fetch, pinned: list, badges: dict):
    """Wrap a listing's fetch so that, once the page is known, other areas fill `badges`
    ({thread id: text}, e.g. "3 new") for its rows; the template reads the same dict."""

    def fetch_and_badge(cursor, limit):
        page = fetch(cursor, limit)
        badges.update(thread_rows.collect([*pinned, *page.items], current_user))
        return page

    return fetch_and_badge
