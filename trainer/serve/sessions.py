"""The sessions open right now: how many there may be, and when an idle one is closed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web

    from trainer.serve.app_process import VisitorApp

# A close code of our own (4000-4999 are the application's): the page shows its "session ended" note.
IDLE_CLOSE_CODE = 4000


@dataclass(eq=False)
class Session:
    """One browser tab: its websocket, its app process, and when the visitor last typed or clicked."""

    visitor: str
    websocket: web.WebSocketResponse
    app: VisitorApp | None = None
    last_input: float = field(default_factory=lambda: asyncio.get_running_loop().time())

    def touched(self) -> None:
        self.last_input = asyncio.get_running_loop().time()

    async def close_when_idle(self, idle_seconds: float) -> None:
        """Close the tab's connection once nothing came from it for ``idle_seconds``; its app then quits."""
        loop = asyncio.get_running_loop()
        while True:
            remaining = self.last_input + idle_seconds - loop.time()
            if remaining <= 0:
                await self.websocket.close(code=IDLE_CLOSE_CODE, message=b"idle")
                return
            await asyncio.sleep(remaining)


class Sessions:
    """At most ``limit`` sessions at once: each is an app process, with its memory."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: set[Session] = set()

    def __len__(self) -> int:
        return len(self._open)

    @property
    def full(self) -> bool:
        return len(self._open) >= self.limit

    def admit(self, session: Session) -> bool:
        """Count ``session`` in, unless every place is taken (no await in between: no race)."""
        if self.full:
            return False
        self._open.add(session)
        return True

    def release(self, session: Session) -> None:
        self._open.discard(session)

    def all(self) -> list[Session]:
        return list(self._open)
