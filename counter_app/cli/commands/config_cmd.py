"""counter-app config show [--json [--detail]] | config set KEY VALUE

`config show --json` gives each key's value and, under "scopes", each key's scope; `--detail` gives each
key as {"value", "scope", "label"}.

Each key is the whole office's ("văn phòng": in the office database when this PC uses one, the same on
every PC) or this PC's own ("máy này": its config.toml); counter_app/config.py declares which.
"""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.config import KEYS, SCOPE_LABELS, with_scopes
from counter_app.errors import ValidationError
from counter_app.services.settings import SettingsService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = add(sub, common, "config", "xem và sửa cấu hình")
    s = p.add_subparsers(dest="config_cmd", required=True, metavar="ACTION")
    show = add(s, common, "show", "hiện cấu hình")
    show.add_argument("--json", action="store_true")
    show.add_argument(
        "--detail",
        action="store_true",
        help='với --json: mỗi khóa là {"value", "scope": "office"|"pc", "label"} thay vì chỉ giá trị '
        '(không có --detail: giá trị của mỗi khóa, và "scopes": {khóa: "office"|"pc"})',
    )
    show.set_defaults(handler=_show)
    st = add(s, common, "set", "đặt một khóa cấu hình")
    # Not argparse `choices`: an unknown key gets the same Vietnamese refusal as a bad value (exit 2).
    st.add_argument("key", metavar="KEY", help="một khóa trong `counter-app config show`")
    st.add_argument("value")
    st.set_defaults(handler=_set)


def _show(args: argparse.Namespace, app: CliApp) -> int:
    config = app.ctx.config
    values = config.as_dict()
    if args.json and args.detail:
        app.out_json(
            {k: {"value": v, "scope": KEYS[k].scope, "label": KEYS[k].label} for k, v in values.items()}
        )
    elif args.json:
        app.out_json(with_scopes(values))
    else:
        if config.office_store is not None:
            app.out(
                f"Khóa 'văn phòng' dùng chung mọi máy, lưu ở {app.ctx.db.location}; 'máy này' ở {config.path}"
            )
        else:
            app.out(
                f"Mọi khóa lưu ở {config.path} ('văn phòng': sẽ dùng chung khi nối cơ sở dữ liệu văn phòng)"
            )
        width = max(len(k) for k in values)
        scope_width = max(len(label) for label in SCOPE_LABELS.values())
        for key, value in values.items():
            scope = SCOPE_LABELS[KEYS[key].scope]
            app.out(f"{key:<{width}}  {scope:<{scope_width}}  {value}    # {KEYS[key].label}")
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
    where = " (dùng chung cho cả văn phòng)" if app.ctx.config.shared(args.key) else ""
    app.out(f"{args.key} = {'********' if KEYS[args.key].secret else value}{where}")
    return 0
