"""What other areas may add to thread pages."""

from ..hooks import PageHook

# Called with (thread, reader) on the thread page; e.g. the debate area's position tally.
thread_page = PageHook("thread_page")
# Called with (thread, reader) wherever replies are listed; e.g. which ones the reader voted for.
reply_list = PageHook("reply_list")
