"""Files a command or a window writes (forms, reports, exports, backups): whole or not at all, 0600.

`staged_output(target)` hands out a temp file beside the target (same disk, so the final rename cannot
fail half way); the caller writes to it, records whatever the file stands for in the database, and only
then is it moved into place. Any failure before that leaves no file and, when the caller recorded inside
the block, rolls its transaction back: a form is never recorded without its PDF, nor the PDF written for
a decision that was not saved. A directory, a device or a missing folder is refused before anything.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from counter_app.errors import ValidationError

PRIVATE_FILE = 0o600


def _refuse(message: str, field: str, label: str) -> ValidationError:
    return ValidationError(message, field=field, label=label)


def check_output(
    path: str | os.PathLike[str], *, field: str = "output", label: str = "Tệp kết quả", parents: bool = False
) -> Path:
    """Refuse early, before anything is recorded, a target the file could not be written to; with
    `parents`, a missing folder is made (private) instead."""
    out = Path(path).expanduser()
    if parents and not out.parent.exists():
        try:
            out.parent.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise _refuse(
                f"không tạo được thư mục '{out.parent}' cho '{out}': {exc.strerror or exc}", field, label
            ) from None
    if out.is_dir():
        raise _refuse(f"'{out}' là một thư mục, cần đường dẫn của một tệp", field, label)
    if (out.exists() or out.is_symlink()) and not out.is_file():
        raise _refuse(
            f"'{out}' không phải tệp thường (thiết bị hoặc tệp đặc biệt), không ghi đè", field, label
        )
    if not out.parent.is_dir():
        raise _refuse(f"thư mục '{out.parent}' của '{out}' không tồn tại", field, label)
    return out


class StagedFile:
    """The temp file beside `target`; `write` fills it, leaving the block moves it into place."""

    def __init__(self, target: Path, tmp: Path, field: str, label: str) -> None:
        self.target, self.tmp = target, tmp
        self.field, self.label = field, label
        self.written = False

    def write(self, data: bytes) -> None:
        try:
            with open(self.tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _refuse(
                f"không ghi được '{self.target}': {exc.strerror or exc}", self.field, self.label
            ) from None
        self.written = True


@contextmanager
def staged_output(
    target: str | os.PathLike[str],
    *,
    field: str = "output",
    label: str = "Tệp kết quả",
    parents: bool = False,
) -> Iterator[StagedFile]:
    out = check_output(target, field=field, label=label, parents=parents)
    try:
        # mkstemp creates the file 0600: personal data is never readable by others, not even for a moment.
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise _refuse(
            f"không tạo được tệp trong thư mục '{out.parent}' để ghi '{out}': {exc.strerror or exc}",
            field,
            label,
        ) from None
    os.close(fd)
    staged = StagedFile(out, Path(name), field, label)
    try:
        yield staged
        if not staged.written:
            raise _refuse(f"chưa có nội dung để ghi vào '{out}'", field, label)
        if os.name != "nt":
            os.chmod(staged.tmp, PRIVATE_FILE)
        try:
            os.replace(staged.tmp, out)
        except OSError as exc:
            raise _refuse(f"không ghi được '{out}': {exc.strerror or exc}", field, label) from None
    finally:
        with suppress(OSError):
            staged.tmp.unlink(missing_ok=True)


def write_atomically(
    render: bytes | Callable[[], bytes],
    target: str | os.PathLike[str],
    *,
    field: str = "output",
    label: str = "Tệp kết quả",
    parents: bool = False,
) -> Path:
    """Render (when given a function), write beside the target, then move into place."""
    with staged_output(target, field=field, label=label, parents=parents) as staged:
        staged.write(render() if callable(render) else render)
    return staged.target


def check_pdf_output(path: str | Path) -> Path:
    """Refuse early (before anything is recorded) an output the PDF could not be written to."""
    return check_output(path, label="Tệp PDF")


def write_pdf(pdf: bytes, path: str | Path) -> Path:
    """Written beside the target then moved into place: a printer or viewer never sees half a file."""
    return write_atomically(pdf, path, label="Tệp PDF")
