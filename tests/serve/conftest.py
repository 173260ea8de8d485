"""Each serve test module gets its own `trainer serve` on a free port, stopped when the module is done."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("textual_serve", reason="trainer serve's tests need the serve extra: pip install -e '.[test]'")

from tests.serve.served import Served, start_server

StartServer = Callable[..., Served]


@pytest.fixture(scope="module")
def start_serving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StartServer]:
    """Start `trainer serve OPTIONS...` on a fresh data folder; every server started is stopped at the end."""
    started: list[Served] = []

    def start(*options: str) -> Served:
        served = start_server(tmp_path_factory.mktemp("served"), *options)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()
