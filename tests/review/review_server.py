"""Run one review app process for tests: ``python -m tests.review.review_server``.

Configuration comes from ``TIPLINE_*`` environment variables, as in
production. The server binds an ephemeral port on 127.0.0.1, prints it on
the first line of standard output, and serves until terminated.
"""

from __future__ import annotations

import sys

from werkzeug.serving import make_server

from tipline.cli.serve import QuietHandler
from tipline.review import create_app


def main() -> None:
    app = create_app()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    # SIGTERM's default action ends the process; calling server.shutdown()
    # from a handler would deadlock inside serve_forever().
    sys.stdout.write(f"{server.server_port}\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
