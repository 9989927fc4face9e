"""Service lines (dịch vụ lấy số): the letters an office issues numbers under, and which counters serve them."""

from __future__ import annotations

from sqlalchemy import func, select

from contract import events, payloads
from counter_app.errors import ConflictError
from counter_app.services import journal
from counter_app.services.queue.lookups import QueueLookups
from counter_app.services.queue.validation import parse_counters, parse_fields, parse_name, parse_prefix
from counter_app.services.queue.views import LineInfo, line_info
from db.models.queue import SERVING, WAITING, QueueLine, QueueTicket


class ServiceLineAdmin(QueueLookups):
    """Listing, adding, renaming and removing service lines."""

    def services(self) -> list[LineInfo]:
        with self.ctx.db.read() as s:
            return [
                line_info(x)
                for x in s.scalars(select(QueueLine).order_by(QueueLine.position, QueueLine.prefix))
            ]

    def line_for_field(self, procedure_field: str) -> LineInfo | None:
        """The line a procedure's field (lĩnh vực) belongs to: the one naming it, else a catch-all line."""
        lines = self.services()
        for line in lines:
            if procedure_field in line.fields:
                return line
        return next((line for line in lines if not line.fields), None)

    def add_service(
        self,
        prefix: str,
        name: str,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        *,
        actor: str,
    ) -> LineInfo:
        p, n, f, c = parse_prefix(prefix), parse_name(name), parse_fields(fields), parse_counters(counters)
        with self.ctx.db.write() as s:
            if s.get(QueueLine, p) is not None:
                raise ConflictError(f"ký hiệu {p} đã được dùng", field="prefix", label="Ký hiệu dịch vụ")
            position = (s.scalar(select(func.max(QueueLine.position))) or 0) + 1
            line = QueueLine(
                prefix=p, name=n, fields=f, counters=c, position=position, created_at=self.ctx.now()
            )
            s.add(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_ADDED,
                entity="queue_service",
                entity_id=p,
                payload=payloads.QueueServiceAdded({"prefix": p, "name": n, "fields": f, "counters": c}),
            )
            return line_info(line)

    def update_service(
        self,
        prefix: str,
        *,
        name: str | None = None,
        fields: list[str] | None = None,
        counters: list[int] | None = None,
        actor: str,
    ) -> LineInfo:
        p = parse_prefix(prefix)
        new_name = None if name is None else parse_name(name)
        new_fields = None if fields is None else parse_fields(fields)
        new_counters = None if counters is None else parse_counters(counters)
        with self.ctx.db.write() as s:
            line = self._line(s, p)
            if new_name is not None:
                line.name = new_name
            if new_fields is not None:
                line.fields = new_fields
            if new_counters is not None:
                line.counters = new_counters
            info = line_info(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_UPDATED,
                entity="queue_service",
                entity_id=p,
                payload=info.to_json(),
            )
            return info

    def remove_service(self, prefix: str, *, actor: str) -> None:
        p = parse_prefix(prefix)
        today = self.ctx.now().date()
        with self.ctx.db.write() as s:
            line = self._line(s, p)
            open_count = s.scalar(
                select(func.count())
                .select_from(QueueTicket)
                .where(
                    QueueTicket.day == today,
                    QueueTicket.service == p,
                    QueueTicket.status.in_([WAITING, SERVING]),
                )
            )
            if open_count:
                raise ConflictError(
                    f"còn {open_count} số của dịch vụ {p} chưa xong hôm nay; chuyển hoặc kết thúc trước khi xóa",
                    field="prefix",
                    label="Ký hiệu dịch vụ",
                )
            if (s.scalar(select(func.count()).select_from(QueueLine)) or 0) <= 1:
                raise ConflictError(
                    "phải còn ít nhất một dịch vụ lấy số", field="prefix", label="Ký hiệu dịch vụ"
                )
            s.delete(line)
            journal.record(
                s,
                self.ctx,
                actor=actor,
                event_type=events.QUEUE_SERVICE_REMOVED,
                entity="queue_service",
                entity_id=p,
                payload=payloads.QueueServiceRemoved({"prefix": p, "name": line.name}),
            )
