"""`trainer serve` in a real browser: Debian's Chromium, headless, driven by Playwright.

A visitor opens the link, sets a display name, plays a bundled scenario to its debrief by keys; the
debrief's score, the replay in that visitor's folder and `trainer score` agree. A second browser
context (another visitor) sees none of it. Screenshots of the play screen and the debrief are kept
in tests/artifacts/. Without Chromium (or Playwright) these tests skip, unless
TRAINER_REQUIRE_BROWSER is set (as `.ci/run` does), which makes that a failure.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest

import trainer
from tests.serve.conftest import StartServer
from tests.serve.served import COOKIE, Served, Terminal, debrief_score, numbers_of
from trainer.core.library import bundled_scenarios_dir
from trainer.core.play.transcript import run_transcript, text_lines

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = os.environ.get("TRAINER_CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that reaches out to the network or needs a GPU or a sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCENARIO = "phone-call"
DISPLAY_NAME = "Ana"
WAIT_SECONDS = 40
T = TypeVar("T")


def missing_browser(reason: str) -> None:
    """Skip without a browser, unless CI says it installed one (then its absence is a failure)."""
    if os.environ.get("TRAINER_REQUIRE_BROWSER"):
        pytest.fail(f"{reason}, but TRAINER_REQUIRE_BROWSER is set")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_browser("Playwright for Python is not installed: pip install -e '.[test]'")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing_browser(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set TRAINER_CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class BrowserTab:
    """A page of the served app, and its screen rebuilt from the websocket frames the page received."""

    def __init__(self, context: BrowserContext, url: str) -> None:
        self.page: Page = context.new_page()
        self.terminal = Terminal()
        self.last_frame = time.monotonic()
        self.page.on("websocket", self._watch)
        self.page.goto(url)
        self.page.wait_for_selector("body.-first-byte", timeout=WAIT_SECONDS * 1000)
        # Keys go to xterm's input element, as when a person clicks into the page.
        self.page.focus(".xterm-helper-textarea")

    def _watch(self, socket: Any) -> None:
        size = parse_qs(urlsplit(socket.url).query)
        self.terminal.resize(int(size["width"][0]), int(size["height"][0]))
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.terminal.feed(payload)
            self.last_frame = time.monotonic()

    def _sent(self, payload: bytes | str) -> None:
        message = json.loads(payload) if isinstance(payload, str) else None
        if isinstance(message, list) and message[0] == "resize":
            self.terminal.resize(message[1]["width"], message[1]["height"])

    @property
    def text(self) -> str:
        return self.terminal.text

    def wait_for(self, found: Callable[[str], T | bool | None], what: str) -> T:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            result = found(self.text)
            if result is not None and result is not False:
                return result  # type: ignore[return-value]
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames that came meanwhile
        raise AssertionError(f"the page never showed {what}; it shows:\n{self.text}")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def screenshot(self, name: str) -> None:
        """Once the app has sent nothing for a moment (the whole screen painted), save what the page shows."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() - self.last_frame < 0.5 and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))


def library_filled(text: str) -> bool:
    return "Library" in text and "The Phone Call" in text and "Loading" not in text


def preview_title(text: str) -> str:
    """The title at the top of the library's preview pane (right of the list)."""
    return text.splitlines()[1].split("▊")[-1].strip()


def runs_shown(title: str, text: str) -> int | None:
    """The Runs column of a scenario's row in the library (None when empty)."""
    [row] = [line for line in text.splitlines() if line.lstrip().startswith(title)]
    found = re.match(rf"\s*{re.escape(title)}\s+[●○]+\s+(\d+)", row)
    return int(found.group(1)) if found else None


def visitor_of(context: BrowserContext) -> str:
    [cookie] = [cookie for cookie in context.cookies() if cookie["name"] == COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    return cookie["value"]


@dataclass
class PlayedRun:
    served: Served
    visitor: str
    expected_score: int
    shown_score: int
    context: BrowserContext


@pytest.fixture(scope="module")
def played(browser: Browser, start_serving: StartServer) -> PlayedRun:
    """One visitor sets a display name and plays the phone call to its debrief, choosing by what the screen shows."""
    served = start_serving()
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    tab = BrowserTab(context, served.url)
    tab.wait_for(library_filled, "the library")

    tab.press("Control+p")
    tab.type("Your name")
    tab.wait_for(lambda text: "The name your runs are recorded under" in text, "the 'Your name' command")
    tab.press("Enter")
    tab.wait_for(lambda text: "a first name is enough" in text, "the name prompt")
    tab.type(DISPLAY_NAME)
    tab.press("Enter")
    tab.wait_for(lambda text: f"recorded as {DISPLAY_NAME}" in text, "the name saved")

    scenario = trainer.load(bundled_scenarios_dir() / f"{SCENARIO}.yaml")
    title = scenario.file.title
    while (shown := preview_title(tab.text)) != title:  # down the list until the preview shows it
        tab.press("ArrowDown")
        tab.wait_for(lambda text, before=shown: preview_title(text) != before, "the next preview")
    tab.press("Enter")
    tab.wait_for(lambda text: title in text.splitlines()[0], "the play screen")

    run = scenario.new_run()
    shots = 0
    while not run.ended:
        offered = list(run.offered())
        numbers = tab.wait_for(
            lambda text, offered=offered: numbers_of([c.text for c in offered], text), "the offered choices"
        )
        if not shots:
            # The scene's opening words in the transcript, not only the choices, before the picture.
            opening = " ".join(next(line for line in text_lines(run_transcript(run)) if line).split()[:3])
            tab.wait_for(lambda text, opening=opening: opening in text, "the scene's narration")
            tab.screenshot("serve-play.png")
            shots += 1
        # The last choice offered, found by its text: a shuffled order does not matter.
        tab.press(str(numbers[-1]))
        run.choose(offered[-1].id)
        tab.wait_for(lambda text: "Enter: continue" in text, "the feedback")
        tab.press("Enter")
    shown = tab.wait_for(debrief_score, "the debrief's score")
    tab.screenshot("serve-debrief.png")
    return PlayedRun(served, visitor_of(context), run.score, shown, context)


def test_the_debrief_in_the_browser_shows_the_runs_score(played: PlayedRun) -> None:
    assert played.shown_score == played.expected_score


def test_the_replay_is_in_the_visitors_folder_and_verifies(played: PlayedRun, run_trainer) -> None:  # type: ignore[no-untyped-def]
    folder = played.served.visitors / played.visitor
    [replay] = (folder / "replays" / SCENARIO).glob("*.jsonl")
    result = run_trainer("score", str(folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["score"] == played.expected_score and row["finished"] is True
    assert row["player"] == DISPLAY_NAME
    assert Path(row["path"]).name == replay.name

    # The coach reads everyone's runs at once.
    summary = run_trainer("score", str(played.served.visitors), "--summary")
    assert summary.returncode == 0, summary.stderr
    assert "The Phone Call" in summary.stdout or SCENARIO in summary.stdout


def test_another_visitor_sees_none_of_the_first_visitors_runs(browser: Browser, played: PlayedRun) -> None:
    # The first visitor, back in a new tab: their run counts in the library (the contrast that makes
    # the second visitor's empty library mean something).
    again = BrowserTab(played.context, played.served.url)
    again.wait_for(lambda text: library_filled(text) and runs_shown("The Phone Call", text) == 1, "one run counted")
    again.page.close()

    other = browser.new_context(viewport={"width": 1200, "height": 800})
    tab = BrowserTab(other, played.served.url)
    text = tab.wait_for(lambda text: library_filled(text) and text, "the library")
    assert visitor_of(other) != played.visitor
    assert runs_shown("The Phone Call", text) is None, text
    tab.press("h")
    tab.wait_for(lambda text: "No runs yet" in text, "an empty history")
    assert not list((played.served.visitors / visitor_of(other)).rglob("*.jsonl"))
    other.close()


def test_artifacts_are_kept_for_people_to_look_at(played: PlayedRun) -> None:
    for name in ("serve-play.png", "serve-debrief.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000
    assert "tests/artifacts/" in (ARTIFACTS.parents[1] / ".gitignore").read_text().splitlines()
