"""What a person does in the browser, shared by the browser tests."""

import re


def log_in(page, passwords: dict, username: str = "mira_okafor") -> None:
    """Sign in through the login form, in whatever language the page is in."""
    page.goto("/login")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(passwords[username])
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
