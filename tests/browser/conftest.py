"""Playwright driving Debian's Chromium. In CI a missing Chromium fails the run; elsewhere the
browser tests are skipped with a message saying how to install it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CANDIDATES = [os.environ.get("CHROMIUM_PATH", ""), "/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = _chromium()
    if path is None:
        message = "Chromium ontbreekt: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion: Bootstrap then drops its 0.15 s colour transitions, so axe never measures a
    # button halfway between two states (a clicked <summary> once failed on contrast that way).
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": {"width": 1280, "height": 900},
        "reduced_motion": "reduce",
    }


@pytest.fixture(autouse=True)
def _ruime_wachttijd(request):
    """A loaded CI machine (two cores, two test workers, a Chromium and a live server each) can
    take longer than Playwright's 30 s default for a login round trip; waits stay bounded."""
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.set_default_timeout(60_000)
        page.set_default_navigation_timeout(60_000)
