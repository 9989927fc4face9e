"""counter-app rating offer|pending|rate|none|cancel|list|summary|criteria — ratings from a script.

`counter-app rating` alone opens the citizen's rating screen (a window, registered by `ui.cli`); these
actions hang under the same word, so ui.cli mounts them on that parser through `add_actions`.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from counter_app.cli.runtime import CliApp, add
from counter_app.domain import sipas
from counter_app.domain.dates import parse_day
from counter_app.services.ratings import KINDS, OfferView, RatingService
from counter_app.services.report_document import fmt_pct
from counter_app.services.reports import Month, ReportService


def add_actions(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    parser.description = (
        parser.description or ""
    ) + " — không kèm ACTION: mở màn hình; kèm ACTION: thao tác từ dòng lệnh"
    s = parser.add_subparsers(dest="rating_cmd", required=False, metavar="[ACTION]")

    of = add(s, common, "offer", "mời người dân đánh giá một giao dịch vừa xong (màn hình đánh giá sẽ hỏi)")
    of.add_argument("kind", choices=KINDS, help="intake: tiếp nhận, return: trả kết quả, ticket: số thứ tự")
    of.add_argument("ref", help="mã hồ sơ hoặc số thứ tự")
    of.add_argument("--counter", type=int, default=None, help="số quầy (mặc định quầy của máy này)")
    of.add_argument("--field", default=None, help="lĩnh vực (mặc định lấy từ hồ sơ)")
    of.add_argument("--json", action="store_true")
    of.set_defaults(handler=_offer)

    pe = add(s, common, "pending", "lượt đánh giá đang chờ ở một quầy")
    pe.add_argument("--counter", type=int, default=None)
    pe.add_argument("--json", action="store_true")
    pe.set_defaults(handler=_pending)

    ra = add(s, common, "rate", "ghi đánh giá cho một lượt đang chờ")
    ra.add_argument("offer_id", type=int)
    ra.add_argument("level", choices=list(sipas.LEVELS))
    ra.add_argument("--reason", action="append", default=[], metavar="CRITERION", help="mã tiêu chí SIPAS")
    ra.add_argument("--comment", default=None)
    ra.add_argument("--json", action="store_true")
    ra.set_defaults(handler=_rate)

    no = add(s, common, "none", 'đóng một lượt đang chờ là "không đánh giá"')
    no.add_argument("offer_id", type=int)
    no.set_defaults(handler=_none)

    ca = add(s, common, "cancel", "hủy một lượt đang chờ (mời nhầm)")
    ca.add_argument("offer_id", type=int)
    ca.set_defaults(handler=_cancel)

    ls = add(s, common, "list", "các lượt đánh giá (mới nhất trước)")
    ls.add_argument("--from", dest="start", default=None, help="từ ngày YYYY-MM-DD")
    ls.add_argument("--to", dest="end", default=None, help="đến ngày YYYY-MM-DD")
    ls.add_argument("--ref", default=None, help="chỉ giao dịch của mã hồ sơ / số thứ tự này")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=_list)

    su = add(
        s,
        common,
        "summary",
        "mức độ hài lòng, chỉ số SIPAS theo nhóm và phản ánh của một tháng (đúng các mục của báo cáo tháng)",
    )
    su.add_argument("--month", default=None, help="tháng YYYY-MM (mặc định: tháng trước)")
    su.add_argument("--json", action="store_true")
    su.set_defaults(handler=_summary)

    cr = add(s, common, "criteria", "bộ tiêu chí SIPAS (5 nhóm) và các mức đánh giá")
    cr.add_argument("--json", action="store_true")
    cr.set_defaults(handler=_criteria)


def _day(raw: str | None, label: str) -> date | None:
    if raw is None:
        return None
    return parse_day(raw, field=label, label="Ngày")


def _print(app: CliApp, offer: OfferView | None, as_json: bool) -> None:
    if as_json:
        app.out_json(offer.to_json() if offer else None)
    elif offer is None:
        app.out("Không có lượt đánh giá nào đang chờ.")
    else:
        level = sipas.LEVELS[offer.level].vi if offer.level else "—"
        app.out(f"#{offer.id} {offer.kind} {offer.ref} quầy {offer.counter_number} [{offer.state}] {level}")


def _offer(args: argparse.Namespace, app: CliApp) -> int:
    svc = RatingService(app.ctx)
    offer_id = svc.offer(args.kind, args.ref, app.actor, args.counter, args.field)
    _print(app, svc.get(offer_id), args.json)
    return 0


def _pending(args: argparse.Namespace, app: CliApp) -> int:
    _print(app, RatingService(app.ctx).pending(args.counter), args.json)
    return 0


def _rate(args: argparse.Namespace, app: CliApp) -> int:
    _print(app, RatingService(app.ctx).rate(args.offer_id, args.level, args.reason, args.comment), args.json)
    return 0


def _none(args: argparse.Namespace, app: CliApp) -> int:
    _print(app, RatingService(app.ctx).no_rating(args.offer_id, why="manual"), False)
    return 0


def _cancel(args: argparse.Namespace, app: CliApp) -> int:
    _print(app, RatingService(app.ctx).cancel(args.offer_id, actor=app.actor), False)
    return 0


def _list(args: argparse.Namespace, app: CliApp) -> int:
    svc = RatingService(app.ctx)
    if args.ref:
        items = svc.for_ref(args.ref)
    else:
        items = svc.list(start=_day(args.start, "from"), end=_day(args.end, "to"))
    if args.json:
        app.out_json([o.to_json() for o in items])
    else:
        for o in items:
            _print(app, o, False)
    return 0


def _summary(args: argparse.Namespace, app: CliApp) -> int:
    month = Month.parse_or_previous(args.month, app.ctx.now())
    report = ReportService(app.ctx).satisfaction(month)
    if args.json:
        app.out_json(report.to_json())
        return 0
    app.out(f"Mức độ hài lòng {month.label_vi}")
    r = report.ratings
    if r is None:
        app.out(f"Chưa có số liệu đánh giá: {report.sources['ratings']}")
    else:
        app.out(
            f"Mời đánh giá: {r.offered}; đã đánh giá: {r.rated} ({fmt_pct(r.response_pct)}); "
            f"hài lòng: {fmt_pct(r.satisfied_pct)}"
        )
        for g in r.by_group.values():
            app.out(f"  {g.label}: {fmt_pct(g.satisfied_pct)} (chỉ tiêu {fmt_pct(g.target_pct)})")
    f = report.feedback
    if f is None:
        app.out(f"Chưa có số liệu phản ánh: {report.sources['feedback']}")
    else:
        app.out(
            f"Phản ánh tiếp nhận: {f.received}; trả lời trong tháng: {f.answered} (đúng hạn "
            f"{f.answered_in_time}); chưa trả lời cuối kỳ: {f.open}, trong đó quá hạn {f.overdue}"
        )
    return 0


def _criteria(args: argparse.Namespace, app: CliApp) -> int:
    data: dict[str, Any] = {
        "levels": [{"key": lv.key, "vi": lv.vi, "en": lv.en} for lv in sipas.LEVELS.values()],
        "groups": [
            {
                "key": g.key,
                "vi": g.vi,
                "en": g.en,
                "target_pct": g.target_pct,
                "criteria": [{"key": c.key, "vi": c.vi, "en": c.en} for c in g.criteria],
            }
            for g in sipas.GROUPS
        ],
        "reasons": list(sipas.REASON_KEYS),
    }
    if args.json:
        app.out_json(data)
    else:
        for g in sipas.GROUPS:
            app.out(f"{g.vi} (≥{g.target_pct}%)")
            for c in g.criteria:
                app.out(f"  {c.key:<24} {c.vi}")
    return 0
