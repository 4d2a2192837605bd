"""``python -m codegen`` and the ``codegen`` command.

SIGINT and SIGTERM are taken over before the generator's heavy imports
(botocore, black, Jinja2: most of a second), so a stop request that arrives
while they load still ends the run with 130 or 143, not a traceback.
"""

import signal
import sys
from collections.abc import Sequence

from codegen.build import signals


def main(argv: Sequence[str] | None = None) -> int:
    """The exit code, never ``sys.exit``: the tests run the command in process."""
    try:
        with signals.handled():
            from codegen.cli.main import main as run_command

            return run_command(argv)
    except signals.Interrupted as stop:
        print(
            f"codegen: stopped by {signal.Signals(stop.signum).name}", file=sys.stderr
        )
        return stop.exit_code


if __name__ == "__main__":
    sys.exit(main())
