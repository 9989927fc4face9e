"""The QĐ 766 index on the counter (counter_app/services/index766.py): the facts it needs are recorded
(the channel at intake) and the index of a generated month (tests/reports_support.py, October 2026) has
the figures worked out by hand below."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.errors import ValidationError
from counter_app.services.context import AppContext
from counter_app.services.dossiers import DossierService
from counter_app.services.intake import IntakeService
from db.models import Dossier, OutboxEvent
from tests.conftest import intake_doc

pytestmark = pytest.mark.both_backends


def test_the_channel_is_kept_and_travels_with_the_dossier(ctx: AppContext) -> None:
    online = IntakeService(ctx).receive(intake_doc(channel="online"), actor="lan").code
    counter = IntakeService(ctx).receive(intake_doc(), actor="lan").code
    assert DossierService(ctx).get(online).channel == "online"
    assert DossierService(ctx).get(counter).channel == "counter"
    with ctx.db.read() as s:
        sent = {
            p["code"]: p.get("channel")
            for p in s.scalars(select(OutboxEvent.payload).where(OutboxEvent.type == "dossier.received"))
        }
        assert s.scalar(select(Dossier.channel).where(Dossier.code == online)) == "online"
    assert (sent[online], sent[counter]) == ("online", "counter")


def test_an_unknown_channel_is_refused_naming_the_field(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        IntakeService(ctx).receive(intake_doc(channel="email"), actor="lan")
    assert err.value.field == "channel" and "Kênh tiếp nhận" in str(err.value)
    with ctx.db.read() as s:
        assert s.scalar(select(Dossier.id)) is None
