"""Entry point of the frozen programs (packaging/counter-app.spec): `counter-app` and `counter-app-cli`.

Both run the same command line as the `counter-app` script of a pip install; with no command it opens
the clerk window. They differ only in how they are built (windowed or console, on Windows).
"""

from __future__ import annotations

import sys

# Alembic imports the migration scripts from db/migrations inside the bundle: never leave __pycache__
# folders in Program Files (an uninstall would leave them behind).
sys.dont_write_bytecode = True

from counter_app.cli import main  # noqa: E402 - after the flag above

if __name__ == "__main__":
    raise SystemExit(main())
