"""What other areas may add to account pages."""

from ..hooks import PageHook

# Called with the profile's user; returns values for templates/people/profile.html.
profile_page = PageHook("profile_page")
