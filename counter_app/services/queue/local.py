"""The queue kept in this counter's SQLite file, assembled from its parts."""

from __future__ import annotations

from counter_app.services.queue.board import QueueBoard
from counter_app.services.queue.calling import CounterCalls
from counter_app.services.queue.issuing import TicketIssuing
from counter_app.services.queue.service_lines import ServiceLineAdmin


class LocalQueue(ServiceLineAdmin, TicketIssuing, CounterCalls, QueueBoard):
    """The queue in this counter's SQLite file."""
