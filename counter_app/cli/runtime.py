"""What a command handler gets: the opened data dir, the acting clerk, JSON and text output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.errors import ValidationError
from counter_app.paths import data_dir, database_file
from counter_app.storage_errors import StorageError, storage_failure

if TYPE_CHECKING:  # the database layer is imported when a command first uses it: the clerk window
    # shows its login before that (ui/clerk/app.py)
    from counter_app.services.context import AppContext


class CliApp:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._ctx: AppContext | None = None

    @cached_property
    def ctx(self) -> AppContext:
        from counter_app.cli import loading_modules

        with loading_modules():  # the database layer's modules load here
            from counter_app.services.context import AppContext
        self._ctx = AppContext.open(getattr(self.args, "data_dir", None))
        self.start_log(self._ctx.data_dir)
        return self._ctx

    def start_log(self, root: Path | None = None) -> Path:
        """This process's log file: the window's name for windows, `cli` for every other command."""
        from counter_app import logs

        command = getattr(self.args, "command", None)
        windows = ("gui", "rating", "kiosk", "display")
        program = command if command in windows and not getattr(self.args, "rating_cmd", None) else "cli"
        return logs.setup(root or data_dir(self.data_dir), program)

    @property
    def data_dir(self) -> str | None:
        return getattr(self.args, "data_dir", None)

    @cached_property
    def actor(self) -> str:
        """The acting clerk: --clerk or $COUNTER_APP_CLERK, which must name an account; none given, the
        action is a script's and is recorded under no clerk (NO_CLERK)."""
        from counter_app.services.users import UserService

        if getattr(self.args, "clerk", None) is not None:
            return UserService(self.ctx).clerk(self.args.clerk, field="clerk", label="Cán bộ (--clerk)")
        return UserService(self.ctx).clerk(
            os.environ.get("COUNTER_APP_CLERK"), field="clerk", label="Cán bộ ($COUNTER_APP_CLERK)"
        )

    @staticmethod
    def out_json(value: Any) -> None:
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")

    @staticmethod
    def out(text: str = "") -> None:
        sys.stdout.write(text + "\n")

    @staticmethod
    def read_json(source: str) -> Any:
        """A JSON document from a file path, or from stdin when `source` is '-'."""
        try:
            raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValidationError(
                f"không đọc được tệp: {exc.strerror}", field="json", label="Tệp JSON"
            ) from None
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                f"JSON không hợp lệ (dòng {exc.lineno}, cột {exc.colno})", field="json", label="Tệp JSON"
            ) from None
        except RecursionError:
            raise ValidationError("JSON lồng nhau quá sâu", field="json", label="Tệp JSON") from None

    def storage_failure(self, exc: BaseException) -> StorageError | None:
        """What an unexpected storage exception means, in one Vietnamese sentence (or None)."""
        import db.engine

        try:
            db_file: Path | None = database_file(data_dir(self.data_dir))
        except OSError:
            db_file = None
        return storage_failure(exc, db_file, wait_s=db.engine.BUSY_TIMEOUT_MS / 1000)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()


def add(sub: Any, common: argparse.ArgumentParser, name: str, help_text: str) -> argparse.ArgumentParser:
    """A subcommand that accepts the common options too."""
    return sub.add_parser(name, help=help_text, parents=[common], description=help_text)
