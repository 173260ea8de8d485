"""`trainer serve`: the app in web browsers, one process and one folder per visitor (see trainer/serve/)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from trainer.core.errors import TrainerError, display_path

INSTALL_HINT = "trainer serve needs textual-serve: pip install 'breakup-trainer[serve]' (or pip install textual-serve)"


def run(args: argparse.Namespace) -> int:
    try:
        from trainer.serve.server import ServeOptions, serve
    except ModuleNotFoundError as missing:
        if (missing.name or "").split(".")[0] not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"):
            raise
        raise TrainerError(INSTALL_HINT) from None
    import logging

    from trainer.core.library import data_dir
    from trainer.serve.visitors import visitors_dir

    base = data_dir(getattr(args, "data_dir", None))
    usable_visitors_folder(visitors_dir(base))
    options = ServeOptions(
        data=base,
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        max_sessions=args.max_sessions,
        idle_minutes=args.idle_timeout,
    )
    logging.basicConfig(level=logging.INFO, format="trainer serve: %(message)s", stream=sys.stderr)

    def ready(url: str, port: int) -> None:
        reach = "this machine only" if is_loopback(args.host) else f"anyone who reaches {args.host}"
        print(f"trainer serve: open {url} ({reach}, port {port}, at most {args.max_sessions} tabs)", flush=True)
        print(f"trainer serve: visitors' runs in {visitors_dir(base)}; Ctrl+C stops", flush=True)

    # Ctrl+C stops it as it stops every command (130); SIGTERM is the ordinary way a service ends (0).
    return 130 if serve(options, ready) == signal.SIGINT else 0


def usable_visitors_folder(folder: Path) -> None:
    """Say before listening, not at the first visitor, when visitors' folders cannot be made."""
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder):
            pass
    except OSError as error:
        raise TrainerError(f"cannot keep visitors' runs in {display_path(folder)}: {error.strerror or error}") from None


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
