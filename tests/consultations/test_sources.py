"""Default sources as data (pure)."""

from gongkai.consultations.sources import DEFAULT_SOURCES, Rating, SourceKind, suggested_channel
from gongkai.rules.receipt import Channel


def test_default_sources_cover_the_channels_the_reports_name():
    names = {s.name for s in DEFAULT_SOURCES}
    for name in ("网站留言", "局长信箱", "咨询电话/热线", "来信", "来访", "政务新媒体"):
        assert name in names
    assigned = {s.assigner for s in DEFAULT_SOURCES if s.kind is SourceKind.ASSIGNED}
    assert {"12345政务服务便民热线", "市长信箱", "书记信箱"} <= assigned
    assert len({s.code for s in DEFAULT_SOURCES}) == len(DEFAULT_SOURCES)
    assert all(1 <= s.deadline_workdays <= 60 for s in DEFAULT_SOURCES)


def test_suggested_channel_on_conversion():
    assert suggested_channel("visit") is Channel.IN_PERSON
    assert suggested_channel("letter") is Channel.ORDINARY_POST
    assert suggested_channel("hotline") is Channel.ORAL
    assert suggested_channel("assigned_12345") is None
    assert suggested_channel("custom") is None


def test_satisfied_and_basically_satisfied_count_as_satisfied():
    assert [r.is_satisfied for r in Rating] == [True, True, False]
    assert [r.label for r in Rating] == ["满意", "基本满意", "不满意"]
