"""Bounded and safe: a cap on open tabs, an idle timeout, and an app that exits with its tab, its run resumable."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import aiohttp
import pytest

import trainer
from tests.serve.conftest import StartServer
from tests.serve.served import COOKIE, Served, Tab, numbers_of
from trainer.core.library import bundled_scenarios_dir

pytestmark = pytest.mark.asyncio


async def wait_until(condition, what: str, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.05)


def replays_of(served: Served, cookie: str) -> list[Path]:
    return sorted((served.visitors / cookie / "replays").rglob("*.jsonl"))


async def test_one_tab_more_than_the_cap_gets_a_try_again_soon_page(start_serving: StartServer) -> None:
    served = start_serving("--max-sessions", "1")
    first = await Tab.new_visitor(served)
    await first.open()
    await first.wait_for(lambda text: "Library" in text, "the library")
    second = await Tab.new_visitor(served)
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as client,
        client.get(served.url + "/", headers={"Cookie": f"{COOKIE}={second.cookie}"}) as page,
    ):
        assert page.status == 503 and page.headers["Retry-After"].isdigit()
        text = await page.text()
    assert "Full right now" in text and "try again in a few minutes" in text
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await second.open()
    assert refused.value.status == 503
    assert len(served.app_processes()) == 1

    await first.close()
    await wait_until(lambda: not served.app_processes(), "the first tab's app exits")
    await second.open()
    await second.wait_for(lambda text: "Library" in text, "the library, once a place is free")
    await second.close()


async def test_an_idle_tab_is_closed_and_its_app_exits(start_serving: StartServer) -> None:
    served = start_serving("--idle-timeout", "0.05")  # 3 seconds
    tab = await Tab.new_visitor(served)
    opened = asyncio.get_running_loop().time()
    await tab.open()
    await wait_until(lambda: served.app_processes(), "the tab's app starts")
    assert await tab.wait_closed(timeout=30) == 4000
    assert asyncio.get_running_loop().time() - opened >= 3
    await wait_until(lambda: not served.app_processes(), "the idle tab's app exits")
    await tab.close()


async def test_closing_the_tab_ends_its_app_and_the_run_resumes_where_it_was(start_serving: StartServer) -> None:
    served = start_serving()
    tab = await Tab.new_visitor(served)
    await tab.open()
    await tab.wait_for(lambda text: "Library" in text and "Loading" not in text, "the filled library")
    await tab.press("\r")  # play the first scenario of the library
    # The scenario is found by its replay, once the first choice is made.
    await tab.wait_for(lambda text: "1. " in text, "the first choices")
    await tab.press("1")
    await tab.wait_for(lambda text: "Enter: continue" in text, "the feedback")
    [replay] = replays_of(served, tab.cookie)
    scenario = trainer.load(bundled_scenarios_dir() / f"{replay.parent.name}.yaml")
    assert len(served.app_processes()) == 1

    await tab.close()
    await wait_until(lambda: not served.app_processes(), "the closed tab's app exits")
    left = trainer.read_replay(replay, scenario=scenario)
    assert not left.finished and len(left.run) == 1

    again = Tab(served, tab.cookie)
    await again.open()
    await again.wait_for(lambda text: "Library" in text and "Loading" not in text, "the filled library")
    await again.press("c")  # resume the unfinished run of the first scenario
    run = scenario.new_run()
    run.choose(left.run[0].id)
    await again.wait_for(lambda text: numbers_of([c.text for c in run.offered()], text), "the run where it was left")
    # One more choice goes on in the same file (the whole way to the debrief is the browser test's).
    offered = list(run.offered())
    numbers = await again.wait_for(lambda text: numbers_of([c.text for c in offered], text), "the choices")
    await again.press(str(numbers[-1]))
    run.choose(offered[-1].id)
    await again.wait_for(lambda text: "Enter: continue" in text, "the feedback")
    await wait_until(lambda: len(trainer.read_replay(replay, scenario=scenario).run) == 2, "the choice recorded")
    assert replays_of(served, tab.cookie) == [replay]
    continued = trainer.read_replay(replay, scenario=scenario)
    assert [choice.id for choice in continued.run] == [step.choice.id for step in run.history]
    await again.close()
    await wait_until(lambda: not served.app_processes(), "the app exits")


async def test_stopping_the_server_ends_every_app(start_serving: StartServer) -> None:
    served = start_serving()
    tab = await Tab.new_visitor(served)
    await tab.open()
    await tab.wait_for(lambda text: "Library" in text, "the library")
    [app] = served.app_processes()
    served.process.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(served.process.wait, 30) == 0
    assert await tab.wait_closed() is not None
    await tab.close()
    with pytest.raises(ProcessLookupError):
        os.kill(app, 0)
