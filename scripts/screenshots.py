"""Screenshots of a freshly seeded forum, desktop and phone, light and dark: docs/screenshots."""

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.live import DESKTOP, PHONE, launch_options, live_forum

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "docs" / "screenshots"
PAGES = [
    ("home", "/", None),
    ("thread", "/t/2", "#replies-heading"),
    ("tags", "/tags", None),
    ("tag", "/tags/surveillance", None),
    ("report", "/t/1", None),
]


def shoot(browser, base: str, device: str, viewport: dict, scheme: str) -> None:
    """Photograph every page in PAGES for one device and colour scheme."""
    context = browser.new_context(
        base_url=base,
        viewport=viewport,
        color_scheme=scheme,
        device_scale_factor=1 if device == "desktop" else 2,
    )
    page = context.new_page()
    for name, url, anchor in PAGES:
        page.goto(url)
        if anchor:
            page.locator(anchor).evaluate("element => element.scrollIntoView()")
        path = OUT / f"{name}-{device}-{scheme}.png"
        page.screenshot(path=str(path), full_page=device == "desktop" and anchor is None)
        print(path.relative_to(ROOT))
    context.close()


def main() -> None:
    """Serve a seeded forum on 127.0.0.1 and photograph its main pages."""
    OUT.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        live_forum(Path(folder)) as (base, _app, _passwords),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(**launch_options())
        for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            for scheme in ("light", "dark"):
                shoot(browser, base, device, viewport, scheme)
        browser.close()


if __name__ == "__main__":
    main()
