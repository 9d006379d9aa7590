"""Helpers for the following tests: replies posted through the real posting action."""

import pytest

from forum.threads.actions import post_reply


@pytest.fixture
def answer():
    """Post a reply as a member, the way the reply form does."""

    def make(thread, author, body="A fair point.", parent=None):
        return post_reply(thread, author, body, parent.id if parent else None, "clarify")

    return make
