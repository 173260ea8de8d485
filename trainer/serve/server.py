"""The web server: the page, the visitor's cookie, one websocket and one app process per tab.

Routes: ``/`` the app page (or a note when the server is full or the browser keeps no cookies),
``/enter`` hands out an identity, ``/ws`` connects a tab to its own app process, ``/download/KEY``
delivers a screenshot taken in the app to the visitor who took it, ``/static`` is textual-serve's
browser client (xterm.js and its fonts).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from trainer.core.errors import TrainerError
from trainer.serve.app_process import AppCommand, VisitorApp, clamped_size, trainer_app_command
from trainer.serve.sessions import Session, Sessions
from trainer.serve.visitors import COOKIE_MAX_AGE, COOKIE_NAME, known_visitor, new_visitor, visitor_dir

log = logging.getLogger("trainer.serve")

TEMPLATES = Path(__file__).with_name("templates")
CLIENT = Path(textual_serve.__file__).with_name("static")
# Keys, clicks and resizes are small; a message this big is not from the page.
MAX_MESSAGE_BYTES = 256 * 1024
RETRY_AFTER_SECONDS = 60


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What `trainer serve` was asked for (the defaults are the command line's)."""

    data: Path
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    max_sessions: int = 20
    idle_minutes: float = 30
    # What each tab runs, given the visitor's folder; the benchmark swaps in a minimal app.
    app_command: AppCommand = trainer_app_command


class TrainerServer:
    """The aiohttp application: handlers over the sessions, the visitors' folders and the options."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.sessions = Sessions(options.max_sessions)
        self.downloads = DownloadManager()

    def application(self) -> web.Application:
        app = web.Application(middlewares=[_security_headers])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/enter", self.enter),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.download),
                web.get("/favicon.ico", _no_icon),
                web.static("/static", CLIENT, show_index=False),
            ]
        )
        app.on_shutdown.append(self._close_sessions)
        return app

    # ------------------------------------------------------------ pages

    def visitor_of(self, request: web.Request) -> str | None:
        return known_visitor(self.options.data, request.cookies.get(COOKIE_NAME))

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The app for a known visitor; otherwise a step through /enter, which gives them an identity."""
        if self.sessions.full:
            return busy_page(request)
        if self.visitor_of(request) is None:
            if "joined" in request.query:  # back from /enter without the cookie: the browser refused it
                return notice(
                    request,
                    "Cookies are needed",
                    "The trainer keeps your runs apart from everyone else's with one cookie, and this "
                    "browser did not keep it. Allow cookies for this site, then open the page again.",
                    link=("./", "Open the trainer"),
                    status=400,
                )
            # The cookie is SameSite=Strict, so a link followed from another site arrives without it:
            # this same-site step brings it along, and only a browser without one gets a new identity.
            return notice(request, "Opening the trainer", "One moment…", link=("enter", "Open"), refresh="enter")
        context = {"websocket_url": self.websocket_url(request), "idle_minutes": _minutes(self.options.idle_minutes)}
        return aiohttp_jinja2.render_template("page.html", request, context)

    async def enter(self, request: web.Request) -> web.StreamResponse:
        """Give a browser without a (valid) identity a fresh one, then go to the app."""
        response = web.HTTPSeeOther("./?joined=1")
        if self.visitor_of(request) is None:
            visitor = await asyncio.to_thread(new_visitor, self.options.data)
            response.set_cookie(
                COOKIE_NAME,
                visitor,
                max_age=COOKIE_MAX_AGE,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=self.public_scheme(request) == "https",
            )
        return response

    def public_scheme(self, request: web.Request) -> str:
        if self.options.public_url:
            return urlsplit(self.options.public_url).scheme
        return request.scheme

    def websocket_url(self, request: web.Request) -> str:
        base = (self.options.public_url or f"{request.scheme}://{request.host}").rstrip("/")
        scheme, rest = base.split("://", 1)
        return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/ws"

    def same_origin(self, request: web.Request) -> bool:
        """A page of another site may not open a session (with the cookie SameSite=Strict, also a second lock)."""
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: it still needs a visitor's cookie
            return True
        allowed = {request.host}
        if self.options.public_url:
            allowed.add(urlsplit(self.options.public_url).netloc)
        return urlsplit(origin).netloc in allowed

    # ------------------------------------------------------------ one tab, one app

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        visitor = self.visitor_of(request)
        if visitor is None or not self.same_origin(request):
            raise web.HTTPForbidden(text="Open the trainer's page first.")
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        session = Session(visitor, ws)
        if not self.sessions.admit(session):
            return busy_page(request)
        log.info("session opened (%d of %d)", len(self.sessions), self.sessions.limit)
        try:
            await ws.prepare(request)
            folder = visitor_dir(self.options.data, visitor)
            session.app = VisitorApp(
                visitor,
                self.options.app_command(folder),
                write_bytes=ws.send_bytes,
                write_str=ws.send_str,
                close=ws.close,
                download_manager=self.downloads,
            )
            columns, rows = clamped_size(
                _number(request.query.get("width"), 80), _number(request.query.get("height"), 24)
            )
            await session.app.start(columns, rows)
            idle = asyncio.create_task(session.close_when_idle(self.options.idle_minutes * 60))
            try:
                await self.relay(session)
            finally:
                idle.cancel()
        finally:
            if session.app is not None:
                # Shielded: even a cancelled handler leaves no app process behind.
                await asyncio.shield(session.app.stop())
            self.sessions.release(session)
            with contextlib.suppress(Exception):
                await ws.close()
            log.info("session closed (%d of %d)", len(self.sessions), self.sessions.limit)
        return ws

    async def relay(self, session: Session) -> None:
        """Pass the page's keys, clicks and size to the app; anything else from the page is dropped."""
        app = session.app
        assert app is not None
        async for message in session.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, argument = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            if kind == "stdin" and isinstance(argument, str):
                session.touched()
                await app.send_bytes(argument.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(argument, dict):
                width, height = _number(argument.get("width"), 80), _number(argument.get("height"), 24)
                await app.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(argument, str) and len(argument) <= 32:
                await session.websocket.send_json(["pong", argument])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file the app delivers to the browser (a screenshot), for the visitor whose app made it."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        if getattr(meta.app_service, "visitor", None) != self.visitor_of(request):
            raise web.HTTPNotFound()
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        name = re.sub(r"[^A-Za-z0-9._ -]", "_", meta.file_name)[:100] or "download"
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f'{disposition}; filename="{name}"'
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _close_sessions(self, _app: web.Application) -> None:
        """On shutdown every tab is told and every app quits (its run stays resumable)."""
        sessions = self.sessions.all()
        for session in sessions:
            with contextlib.suppress(Exception):
                await session.websocket.close(code=1001, message=b"server stopping")
        await asyncio.gather(*(session.app.stop() for session in sessions if session.app is not None))


# ---------------------------------------------------------------- responses


def notice(
    request: web.Request,
    title: str,
    *paragraphs: str,
    link: tuple[str, str] | None = None,
    refresh: str | None = None,
    status: int = 200,
) -> web.Response:
    """A short page in our own words (full, cookies needed, opening)."""
    context: dict[str, Any] = {
        "title": title,
        "paragraphs": paragraphs,
        "link": {"url": link[0], "text": link[1]} if link else None,
        "refresh": {"seconds": 0, "url": refresh} if refresh else None,
    }
    return aiohttp_jinja2.render_template("notice.html", request, context, status=status)


def busy_page(request: web.Request) -> web.Response:
    response = notice(
        request,
        "Full right now",
        "Everyone's places in the trainer are taken at the moment, so a new session cannot start.",
        "Please try again in a few minutes: places free up as people finish. Your earlier runs are "
        "saved and will be there when you come back.",
        link=("./", "Try again"),
        status=503,
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


_CONTENT_SECURITY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


@web.middleware
async def _security_headers(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """No framing (keys typed into a hidden frame), no sniffing, no referrer, no scripts but the client's."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Content-Security-Policy", _CONTENT_SECURITY)
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    if isinstance(response, web.HTTPException):
        raise response
    return response


async def _no_icon(_request: web.Request) -> web.Response:
    return web.Response(status=204)


def _number(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default


def _minutes(minutes: float) -> str:
    return f"{minutes:g}"


# ---------------------------------------------------------------- running it


def listening_url(host: str, port: int, public_url: str | None) -> str:
    if public_url:
        return public_url
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else ("[::1]" if host == "::" else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def serve(options: ServeOptions, ready: Callable[[str, int], None]) -> signal.Signals:
    """Serve until SIGINT or SIGTERM, and say which; ``ready(url, port)`` once listening (port 0: a free one)."""
    return asyncio.run(_serve(options, ready))


async def _serve(options: ServeOptions, ready: Callable[[str, int], None]) -> signal.Signals:
    server = TrainerServer(options)
    runner = web.AppRunner(server.application(), handle_signals=False, access_log=None, shutdown_timeout=10)
    await runner.setup()
    site = web.TCPSite(runner, options.host, options.port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise TrainerError(f"cannot listen on {options.host} port {options.port}: {error.strerror or error}") from None
    port = runner.addresses[0][1]
    stopped_by: asyncio.Future[signal.Signals] = asyncio.get_running_loop().create_future()
    loop = asyncio.get_running_loop()
    for sign in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sign, lambda sign=sign: stopped_by.done() or stopped_by.set_result(sign))
    try:
        ready(listening_url(options.host, port, options.public_url), port)
        return await stopped_by
    finally:
        await runner.cleanup()
