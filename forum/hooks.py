"""Extension points: a lower area asks, higher areas answer, and imports still point down.

The profile page (accounts) shows a member's threads, and the thread page (threads) shows
votes and positions (debate). Rather than import upwards, the lower area declares a hook and
the higher area registers a function on it when its module is imported.
"""

from collections.abc import Callable


class PageHook:
    """Functions that each add template values to one kind of page."""

    def __init__(self, name: str):
        self.name = name
        self.functions: list[Callable[..., dict]] = []

    def register(self, function: Callable[..., dict]) -> Callable[..., dict]:
        """Add a function (usable as a decorator); registering the same one twice is a no-op."""
        if function not in self.functions:
            self.functions.append(function)
        return function

    def collect(self, *args, **kwargs) -> dict:
        """Call every registered function and merge the values they return."""
        values: dict = {}
        for function in self.functions:
            values.update(function(*args, **kwargs))
        return values


class ActionHook(PageHook):
    """Functions called when something happens (a reply posted, an item moderated).

    They run inside the action's transaction, before its commit, so what they add (a
    notification, a follow) is written with it or not at all.
    """

    def notify(self, *args, **kwargs) -> None:
        """Call every registered function with the event's details."""
        for function in self.functions:
            function(*args, **kwargs)
