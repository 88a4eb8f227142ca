import pytest

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.demo import loader
from gongkai.keyareas.models import PlanTask
from gongkai.keyareas.schedule import Standing
from gongkai.keyareas.selectors import plan_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_publications_and_plans(monkeypatch):
    """The plans need the region, its people and items; the other parts of the demo are left out (speed)."""
    for name in ("applications", "appeals", "consultations", "reports", "service_guides", "datalists"):
        if hasattr(loader, f"load_{name}"):
            monkeypatch.setattr(loader, f"load_{name}", lambda *_args: None)


def test_demo_bureaus_have_plans_showing_done_due_and_late_tasks(only_publications_and_plans):
    loader.load_demo()
    bureau = Agency.objects.get(name="示范市教育局")
    board = plan_board(bureau)
    assert len(board.rows) == 10
    standings = {view.standing for row in board.rows for view in [row.current, *row.history] if view is not None}
    assert {Standing.DONE, Standing.LATE} <= standings
    assert Standing.DUE in standings or Standing.UPCOMING in standings
    # the bureau's last 学区划分 was published on time; its last 招生结果 never was
    rows = {row.entry.title: row for row in board.rows}
    assert rows["招生范围与学区划分"].history[0].standing is Standing.DONE
    assert rows["招生结果"].headline.standing is Standing.LATE
    # Late only for obligations due while the plan existed: never before the entry started.
    late = [t for t in PlanTask.objects.select_related("entry") if t.standing_on(board.today) is Standing.LATE]
    assert late
    assert all(t.due_on >= t.entry.starts_on for t in late)
    assert PlanTask.objects.filter(entry__plan__agency__name="示范市西湖区教育局").exists()


def test_demo_plans_are_idempotent(only_publications_and_plans):
    loader.load_demo()
    counts = (PlanTask.objects.count(), AuditEvent.objects.count())
    loader.load_demo()
    assert counts == (PlanTask.objects.count(), AuditEvent.objects.count())
