"""``tipline serve``: both apps on localhost, each in its own process.

For a workstation or a small deployment behind Tor. The servers are
Werkzeug's threaded WSGI servers with request logging that records no client
address; production deployments run gunicorn instead (see README.md).
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from typing import Any

import click
from werkzeug.serving import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    """Logs nothing per request: the default line starts with the client's IP."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return

    def log(self, type: str, message: str, *args: Any) -> None:
        if type == "error":
            sys.stderr.write("server error: " + (message % args) + "\n")


def run_app(kind: str, host: str, port: int) -> None:
    """Create and serve one app until terminated (runs in a child process)."""
    if kind == "intake":
        from tipline.intake import create_app
    else:
        from tipline.review import create_app
    app = create_app()
    server = make_server(host, port, app, threaded=True, request_handler=QuietHandler)
    # SIGTERM keeps its default action (exit): calling server.shutdown() from a
    # handler would deadlock, as it waits for the loop running in this thread.
    server.serve_forever()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--intake-port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--review-port", default=8081, show_default=True, type=click.IntRange(1, 65535))
@click.option("--intake-only", is_flag=True, help="Serve only the public intake app.")
def serve_command(host: str, intake_port: int, review_port: int, intake_only: bool) -> None:
    """Serve the intake and review apps locally (Ctrl-C stops both)."""
    if intake_port == review_port and not intake_only:
        raise click.ClickException("--intake-port and --review-port must differ")
    _check_startable(intake_only)
    apps = [("intake", intake_port)] + ([] if intake_only else [("review", review_port)])
    # A SIGTERM to this process must stop the servers too, not orphan them.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    processes = []
    for kind, port in apps:
        process = multiprocessing.Process(target=run_app, args=(kind, host, port), daemon=True)
        process.start()
        processes.append(process)
        click.echo(f"{kind:>6}: http://{host}:{port}/")
    try:
        for process in processes:
            process.join()
    except KeyboardInterrupt:
        click.echo("stopping")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)


def _check_startable(intake_only: bool) -> None:
    # Build each app once here so a bad config stops us with one clear line
    # instead of two child processes dying with tracebacks.
    from tipline.config import ConfigError

    try:
        from tipline.intake import create_app as intake_app

        intake_app()
        if not intake_only:
            from tipline.review import create_app as review_app

            review_app()
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}") from exc
