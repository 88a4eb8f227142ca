import pytest
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.demo.loader import load_demo
from gongkai.publications.states import ItemState
from gongkai.reports.selectors import facts_for_year
from gongkai.serviceguides.models import ServiceDecision, ServiceGuide, ServiceMatter
from gongkai.serviceguides.selectors import guides_by_kind

pytestmark = pytest.mark.django_db


def test_demo_bureau_has_published_guides_and_decisions_counted_this_year():
    load_demo()
    bureau = Agency.objects.get(name="示范市教育局")
    groups = {g.label: [guide.matter.name for guide in g.guides] for g in guides_by_kind(bureau)}
    assert "民办学校设立审批" in groups["行政许可"]
    assert "学历证明书办理" in groups["其他对外管理服务事项"]
    assert all(g.item.state == ItemState.PUBLISHED for g in ServiceGuide.objects.all())
    year = timezone.localdate().year
    counted = ServiceDecision.objects.filter(
        agency=bureau, matter__kind="licensing", decided_on__year=year, withdrawn_at__isnull=True
    ).count()
    statistics = facts_for_year([bureau], year)[bureau.pk].statistics
    assert statistics["proactive/licensing_decisions"] == counted > 0
    matters, decisions = ServiceMatter.objects.count(), ServiceDecision.objects.count()
    load_demo()
    assert (ServiceMatter.objects.count(), ServiceDecision.objects.count()) == (matters, decisions)
