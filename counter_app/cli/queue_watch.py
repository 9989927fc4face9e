"""`counter-app queue watch [--json]`: one line per queue event as it happens, from any PC of the office.

For an LED board or a script: each line is flushed at once; `--json` prints
{"type", "number", "service", "counter", "at"} ("paused" also has "reason"). The changes come from
counter_app/services/live.py (PostgreSQL LISTEN/NOTIFY, or the SQLite fallback). Ctrl+C (or SIGTERM)
ends it cleanly with status 0; a lost connection to the office server is said once on stderr and the
watch goes on by itself when the server is back.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any

from contract import events
from counter_app.services.context import AppContext
from counter_app.services.live import OFFLINE, RESYNC, Change, ChangeFeed

# Event type → what the watch calls it.
WATCHED = {
    events.TICKET_ISSUED: "issued",
    events.TICKET_CALLED: "called",
    events.TICKET_RECALLED: "recalled",
    events.TICKET_SKIPPED: "skipped",
    events.TICKET_FINISHED: "finished",
    events.TICKET_TRANSFERRED: "transferred",
    events.TICKET_REACTIVATED: "reactivated",
    events.QUEUE_COUNTER_PAUSED: "paused",
    events.QUEUE_COUNTER_RESUMED: "resumed",
}


def line_of(ch: Change) -> dict[str, Any] | None:
    """The JSON line of a change, or None when the watch does not show it."""
    kind = WATCHED.get(ch.type)
    if kind is None:
        return None
    d = ch.data
    out: dict[str, Any] = {
        "type": kind,
        "number": d.get("number"),
        "service": d.get("service"),
        "counter": d.get("counter"),
        "at": ch.at,
    }
    if kind == "paused":
        out["reason"] = d.get("reason")
    return out


def text_of(line: dict[str, Any]) -> str:
    at = (line["at"] or "")[11:19]
    kind, number, counter = line["type"], line["number"], line["counter"]
    said = {
        "issued": f"Phát số {number}",
        "called": f"Mời số {number} đến quầy số {counter}",
        "recalled": f"Mời lại số {number} đến quầy số {counter}",
        "skipped": f"Số {number} vắng mặt",
        "finished": f"Xong số {number}",
        "transferred": f"Chuyển số {number} sang dịch vụ {line['service']}",
        "reactivated": f"Số {number} quay lại hàng chờ",
        "paused": f"Quầy {counter} tạm nghỉ: {line.get('reason')}",
        "resumed": f"Quầy {counter} làm việc tiếp",
    }[kind]
    return f"{at}  {said}"


def watch(ctx: AppContext, *, as_json: bool) -> int:
    stop = threading.Event()

    def on_term(_sig: int, _frame: Any) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_term)
    feed = ChangeFeed(ctx.db, application_name="counter-app-watch")
    told_offline = False
    try:
        for ch in feed.changes(stop):
            if ch.type == OFFLINE:
                if not told_offline:
                    print("Mất kết nối máy chủ văn phòng; đang thử kết nối lại…", file=sys.stderr, flush=True)
                told_offline = True
                continue
            if ch.type == RESYNC:
                # The first one says the watch is listening (scripts and tests wait for it).
                print(
                    "Đã kết nối lại." if told_offline else "Đang theo dõi hàng chờ (Ctrl+C để dừng)…",
                    file=sys.stderr,
                    flush=True,
                )
                told_offline = False
                continue
            line = line_of(ch)
            if line is None:
                continue
            text = json.dumps(line, ensure_ascii=False) if as_json else text_of(line)
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:  # the script reading us went away
        sys.stderr.close()
    finally:
        stop.set()
        signal.signal(signal.SIGTERM, previous)
    return 0
