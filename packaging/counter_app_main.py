"""Entry point of the frozen programs (packaging/counter-app.spec): `counter-app` and `counter-app-cli`.

Both run the same command line as the `counter-app` script of a pip install; with no command it opens
the clerk window. They differ only in how they are built (windowed or console, on Windows).
"""

from __future__ import annotations

import os
import sys

# Alembic imports the migration scripts from db/migrations inside the bundle: never leave __pycache__
# folders in Program Files (an uninstall would leave them behind).
sys.dont_write_bytecode = True

# The windowed counter-app.exe has no console, so Python sets sys.stdout and sys.stderr to None and any
# direct write to them (a second start's message, ui/cli.py) would fail with a traceback. Such output
# has nowhere to go; what matters is in the logs (counter_app/logs.py).
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))

from counter_app.cli import main  # noqa: E402 - after the settings above

if __name__ == "__main__":
    raise SystemExit(main())
