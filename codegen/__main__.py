"""``python -m codegen`` and the ``codegen`` command.

SIGINT and SIGTERM are taken over before the generator's heavy imports
(botocore, black, Jinja2: most of a second), so a stop request that arrives
while they load still ends the run with 130 or 143, not a traceback.
"""

import signal
import sys

from codegen.build import signals


def main() -> int:
    try:
        with signals.handled():
            from codegen.cli.main import main as run_command

            return run_command()
    except signals.Interrupted as stop:
        print(
            f"codegen: stopped by {signal.Signals(stop.signum).name}", file=sys.stderr
        )
        return stop.exit_code


if __name__ == "__main__":
    sys.exit(main())
