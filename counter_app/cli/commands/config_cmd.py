"""counter-app config show [--json] | config set KEY VALUE"""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.config import KEYS
from counter_app.errors import ValidationError
from counter_app.services.settings import SettingsService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "config", "xem và sửa cấu hình")
    s = p.add_subparsers(dest="config_cmd", required=True, metavar="ACTION")
    show = add(s, common, "show", "hiện cấu hình")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)
    st = add(s, common, "set", "đặt một khóa cấu hình")
    # Not argparse `choices`: an unknown key gets the same Vietnamese refusal as a bad value (exit 2).
    st.add_argument("key", metavar="KEY", help="một khóa trong `counter-app config show`")
    st.add_argument("value")
    st.set_defaults(handler=_set)


def _show(args: argparse.Namespace, app: CliApp) -> int:
    values = app.ctx.config.as_dict()
    if args.json:
        app.out_json(values)
    else:
        width = max(len(k) for k in values)
        for key, value in values.items():
            app.out(f"{key:<{width}}  {value}    # {KEYS[key].label}")
    return 0


def _set(args: argparse.Namespace, app: CliApp) -> int:
    if args.key not in KEYS:
        near = difflib.get_close_matches(args.key, KEYS, n=1)
        hint = f" (có phải {near[0]}?)" if near else ""
        raise ValidationError(
            f"khóa cấu hình không tồn tại{hint}; xem `counter-app config show`",
            field=args.key,
            label=args.key,
        )
    value = SettingsService(app.ctx).set(args.key, args.value, actor=app.actor)
    app.out(f"{args.key} = {'********' if KEYS[args.key].secret else value}")
    return 0
