"""What other areas may add to thread pages, and the writes they may follow."""

from ..hooks import ActionHook, PageHook

# Called with (thread, reader) on the thread page; e.g. the debate area's position tally.
thread_page = PageHook("thread_page")
# Called with (thread, reader) wherever replies are listed; e.g. which ones the reader voted for.
reply_list = PageHook("reply_list")
# Called with (thread) when a thread is started, before the commit.
thread_started = ActionHook("thread_started")
# Called with (reply) when a reply is posted, before the commit.
reply_posted = ActionHook("reply_posted")
