"""Errors the services raise. Messages are Vietnamese and name the field, for clerks and for stderr."""

from __future__ import annotations


class AppError(Exception):
    """Base of every expected failure. `exit_code` is what the CLI returns for it."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None, label: str | None = None) -> None:
        self.field = field  # machine path, e.g. "applicant.id_number"
        self.label = label  # the field's Vietnamese name, e.g. "Số CCCD"
        self.message = message
        super().__init__(f"{label}: {message}" if label else message)


class ValidationError(AppError):
    """Bad input: nothing was saved."""

    exit_code = 2


class NotFoundError(AppError):
    exit_code = 2


class ConflictError(AppError):
    """The request is well formed but the current state forbids it (illegal transition, second apology)."""

    exit_code = 2


class NothingToDo(AppError):
    """E.g. calling the next queue number when nobody waits."""

    exit_code = 3


class ConfigFileError(AppError):
    """The configuration file cannot be read or holds a value `config set` would refuse: the app does
    not start (exit status 78, EX_CONFIG of sysexits.h, unlike any other refusal)."""

    exit_code = 78
