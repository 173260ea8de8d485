"""Who a visitor is: a cookie the server hands out, checked strictly, and a folder of their own."""

from __future__ import annotations

import os
import re
from pathlib import Path

import aiohttp
import pytest

from tests.serve.conftest import StartServer
from tests.serve.served import COOKIE, Served, Tab, fresh_cookie
from trainer.serve.visitors import is_well_formed, known_visitor

pytestmark = pytest.mark.asyncio


@pytest.fixture(scope="module")
def served(start_serving: StartServer) -> Served:
    return start_serving()


async def get(served: Served, path: str, cookie: str | None = None) -> tuple[int, dict[str, str], str, list[str]]:
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie is not None else {}
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as client,
        client.get(served.url + path, headers=headers, allow_redirects=False) as response,
    ):
        return response.status, dict(response.headers), await response.text(), response.headers.getall("Set-Cookie", [])


async def test_a_first_visit_steps_through_enter_and_gets_a_private_unguessable_identity(served: Served) -> None:
    status, _, page, cookies = await get(served, "/")
    assert status == 200 and not cookies
    assert 'http-equiv="refresh" content="0; url=enter"' in page

    status, headers, _, cookies = await get(served, "/enter")
    assert status == 303 and headers["Location"] == "./?joined=1"
    [cookie] = cookies
    visitor = re.match(rf"{COOKIE}=([^;]+);", cookie).group(1)
    assert is_well_formed(visitor)
    flags = {flag.strip().split("=")[0].lower() for flag in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= flags and "samesite=strict" in cookie.lower()
    folder = served.visitors / visitor
    assert folder.is_dir() and (folder.stat().st_mode & 0o077) == 0


async def test_a_known_visitor_keeps_their_identity_and_gets_the_app(served: Served) -> None:
    visitor = await fresh_cookie(served)
    status, _, _, cookies = await get(served, "/enter", visitor)
    assert status == 303 and not cookies
    status, headers, page, cookies = await get(served, "/", visitor)
    assert status == 200 and not cookies
    assert 'class="textual-terminal"' in page and "/ws" in page
    assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "forged",
    [
        "../../../../etc",
        "A" * 43 + "/..",
        "A" * 42 + ".",
        "A" * 44,
        "",
        "Z" * 43,  # well formed, but never handed out by this server
    ],
)
async def test_a_forged_or_unknown_cookie_gets_a_fresh_identity_and_touches_no_other_path(
    served: Served, forged: str
) -> None:
    before = set(os.listdir(served.data))
    status, _, _, cookies = await get(served, "/enter", forged)
    assert status == 303
    [cookie] = cookies
    fresh = re.match(rf"{COOKIE}=([^;]+);", cookie).group(1)
    assert fresh != forged and is_well_formed(fresh)
    assert set(os.listdir(served.data)) <= before | {"visitors"}
    if forged:
        assert not (served.visitors / forged).exists()


async def test_a_link_planted_in_the_visitors_folder_is_not_an_identity(served: Served, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    planted = "L" * 43
    (served.visitors / planted).symlink_to(elsewhere)
    assert known_visitor(served.data, planted) is None
    status, _, page, _ = await get(served, "/", planted)
    assert status == 200 and 'url=enter"' in page  # not the app: first a fresh identity
    status, _, _, cookies = await get(served, "/enter", planted)
    assert status == 303 and planted not in cookies[0]


async def test_a_browser_that_keeps_no_cookie_is_told_so_instead_of_looping(served: Served) -> None:
    status, _, page, _ = await get(served, "/?joined=1")
    assert status == 400
    assert "Allow cookies" in page and "refresh" not in page


async def test_the_websocket_needs_a_known_visitor(served: Served) -> None:
    for cookie in (None, "Z" * 43, "../x"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await Tab(served, cookie).open()
        assert refused.value.status == 403
    assert not served.app_processes()


async def test_a_page_of_another_site_cannot_open_a_session(served: Served) -> None:
    tab = await Tab.new_visitor(served)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await tab.open(origin="http://elsewhere.example")
    assert refused.value.status == 403
