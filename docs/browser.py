"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) through Selenium.

Used by the docs' browser test and to take the guide's screenshot:

    python docs/browser.py build/docs docs/screenshot-rekognition.png
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
MISSING = (
    "headless Chromium is missing: apt-get install -y chromium chromium-driver "
    "(.ci/run does this)"
)


def available() -> bool:
    return Path(CHROMIUM).is_file() and shutil.which(CHROMEDRIVER) is not None


@contextmanager
def chromium(width: int = 1400, height: int = 1000) -> Iterator[webdriver.Chrome]:
    """A headless Chromium that records the page's console messages."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(site: Path, target: Path) -> None:
    """The Rekognition page, scrolled to ``AuditImage``, as a user first sees it."""
    with chromium() as driver:
        driver.get((site / "rekognition.html").resolve().as_uri())
        driver.execute_script(
            "document.getElementById('generated.rekognition.AuditImage')"
            ".scrollIntoView({behavior: 'instant'});"
            "window.scrollBy({top: -40, behavior: 'instant'});"
        )
        driver.save_screenshot(str(target))


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
