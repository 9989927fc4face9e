"""The windows' subcommands, plugged into `counter-app` through the "counter_app.commands" entry point.

Each window module exposes `run(args, app) -> int`; Qt is imported only when a window is asked for.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from counter_app.errors import AppError

WINDOWS = {
    "gui": ("ui.clerk.app", "cửa sổ cán bộ tiếp nhận (mặc định khi không có lệnh)"),
    "kiosk": ("ui.kiosk.app", "máy lấy số thứ tự cho người dân (toàn màn hình, cảm ứng)"),
    "display": ("ui.display.app", "bảng hiển thị số đang gọi ở phòng chờ, có đọc số"),
    "rating": ("ui.rating.app", "màn hình đánh giá mức độ hài lòng cho người dân"),
}


def commands() -> dict[str, tuple[str, Any]]:
    """The table `counter-app` reads: name → (help, register(sub, common)); nothing heavy is imported
    until one of them is registered, and Qt not before the window runs."""
    return {name: (help_text, _register(name)) for name, (_module, help_text) in WINDOWS.items()}


def _register(name: str) -> Any:
    module, help_text = WINDOWS[name]

    def add(sub: Any, common: argparse.ArgumentParser) -> None:
        p = sub.add_parser(name, help=help_text, parents=[common], description=help_text)
        p.add_argument("--screenshot", default=None, help=argparse.SUPPRESS)  # for docs and smoke tests
        p.set_defaults(handler=_launcher(name, module))
        if name == "rating":
            # `counter-app rating offer|pending|…` for scripts; without an action it opens the screen.
            from counter_app.cli.rating_actions import add_actions

            add_actions(p, common)

    return add


def _launcher(name: str, module: str) -> Any:
    def handler(args: argparse.Namespace, app: Any) -> int:
        # One of each window per data dir on this PC (a screenshot run is a smoke test: it may run beside).
        claim = None if getattr(args, "screenshot", None) else _claim(name, app)
        if isinstance(claim, int):
            return claim
        window = importlib.import_module(module)
        if getattr(args, "screenshot", None) or not getattr(window, "OPENS_DATABASE_BEHIND_LOGIN", False):
            waiting = _open_database(name, args, app)
            if waiting is not None:
                from ui.office_wait import close_when_replaced

                close_when_replaced(waiting)
        return int(window.run(args, app) or 0)

    return handler


def _open_database(name: str, args: argparse.Namespace, app: Any) -> Any:
    """Opened before the window: a damaged, locked or full database is said in a dialog. A citizen's screen
    started while the office server is down gets a waiting screen instead (returned: the caller closes it
    once the real window is up)."""
    try:
        _ = app.ctx
    except Exception as exc:
        failure = exc if isinstance(exc, AppError) else app.storage_failure(exc)
        if failure is None:
            raise
        from counter_app.storage_errors import OfficeServerDown

        if isinstance(failure, OfficeServerDown) and name in WAIT_FOR_OFFICE:
            # A citizen's screen opens anyway, says why it does nothing yet, and carries on by itself once
            # the office server answers (ui/office_wait.py).
            waiting = _wait_for_office(name, args, app)
            if waiting is None:
                raise failure from None
            return waiting
        from ui.start_failure import show_start_failure

        show_start_failure(str(failure), getattr(args, "screenshot", None))
        raise failure from None
    return None


# The citizens' screens: started while the office server is down, they wait for it on screen.
WAIT_FOR_OFFICE = ("kiosk", "display", "rating")


def _wait_for_office(name: str, args: argparse.Namespace, app: Any) -> Any:
    """The waiting screen once the office server answered (the caller closes it when the real window is
    up); None when the start ends here (stopped meanwhile, a screenshot run); raises a failure that is not
    an outage (the database answered but cannot be used) after showing it as any start failure."""
    from counter_app.storage_errors import OfficeServerDown
    from ui.office_wait import OfficeWaitScreen, wait_for_office

    def open_ctx() -> Any:
        return app.ctx

    def is_outage(exc: BaseException) -> bool:
        failure = exc if isinstance(exc, AppError) else app.storage_failure(exc)
        return isinstance(failure, OfficeServerDown)

    place = None
    if name == "rating":  # on the citizen's monitor (a PC key: readable without the database)
        from counter_app.config import Config
        from counter_app.paths import config_file, data_dir
        from ui.office_wait import on_citizen_monitor

        place = on_citizen_monitor(Config(config_file(data_dir(app.data_dir))).rating.screen)
    shot = getattr(args, "screenshot", None)
    result = wait_for_office(name, open_ctx, is_outage, shot, place)
    if result is None or isinstance(result, OfficeWaitScreen):
        return result
    failure = result if isinstance(result, AppError) else app.storage_failure(result)
    if failure is None:
        raise result
    from ui.start_failure import show_start_failure

    show_start_failure(str(failure), shot)
    raise failure from None


def _claim(name: str, app: Any) -> Any:
    """This process's single-instance claim (kept alive by the caller), or the exit status when another
    process holds the window: 0 once it came to the front, 1 when it did not answer (ui/single_instance.py)."""
    import logging
    import sys

    from counter_app.paths import data_dir
    from ui import single_instance
    from ui.qt_app import make_app

    folder = data_dir(app.data_dir)
    app.start_log(folder)
    make_app()
    try:
        return single_instance.claim(name, folder)
    except single_instance.AlreadyRunning as exc:
        logging.getLogger("counter_app.single_instance").info("second start: %s", exc)
        sys.stderr.write(f"{exc}\n")
        return 0 if exc.shown else 1
