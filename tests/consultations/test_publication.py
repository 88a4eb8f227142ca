"""Publication of questions and answers: only with consent, after the reply, without personal data."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.consultations.selectors import published_enquiries, published_enquiry, published_page
from gongkai.consultations.services.handling import reply_send
from gongkai.consultations.services.publication import (
    enquiry_publish,
    enquiry_unpublish,
    publication_problems,
    suggest_public_texts,
)
from tests.consultations.conftest import D, at
from tests.screening.test_detectors import valid_id

pytestmark = pytest.mark.django_db
ANSWER = "请携带户口簿和房产证明到学校报名。"


def answered(desk, **changes):
    enquiry = desk.register(**changes)
    with at(D(2026, 3, 2)):
        return reply_send(acting_user=desk.office, enquiry=enquiry, text=ANSWER)


def test_publish_the_cleaned_texts(desk):
    enquiry = answered(desk, question="我是李小红，电话13912345678，孩子身份证" + valid_id() + "，请问怎么报名？")
    texts = suggest_public_texts(enquiry)
    assert texts["public_question"] == "我是×××，电话***，孩子身份证***，请问怎么报名？"
    assert publication_problems(enquiry, texts) == {}
    enquiry = enquiry_publish(acting_user=desk.office, enquiry=enquiry, **texts)
    assert enquiry.published
    assert enquiry.public_answer == ANSWER
    assert enquiry.question.startswith("我是李小红"), "the original record is never altered"
    assert list(published_enquiries(desk.agency)) == [enquiry]
    assert published_enquiry(desk.agency, enquiry.pk) == enquiry
    assert list(published_page(desk.agency, 1).object_list) == [enquiry]
    assert AuditEvent.objects.filter(action="enquiry.publish", actor=desk.office).exists()


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("我的身份证号是" + valid_id() + "。", "居民身份证号码"),
        ("请回电13812345678。", "手机号码"),
        ("请回复到 someone@example.org。", "电子邮箱"),
        ("我叫李小红，想问报名的事。", "留言人姓名“李**”"),
        ("电话 0571-87654321，请回电。", "固定电话"),
    ],
)
def test_personal_data_in_the_text_is_refused_and_nothing_published(desk, question, found):
    enquiry = answered(desk)
    with pytest.raises(ValidationError, match=re.escape(found)) as caught:
        enquiry_publish(acting_user=desk.office, enquiry=enquiry, public_question=question, public_answer=ANSWER)
    message = str(caught.value)
    assert "13812345678" not in message
    assert valid_id() not in message
    enquiry.refresh_from_db()
    assert not enquiry.published
    assert not enquiry.public_question


def test_the_askers_own_contact_in_any_spelling_is_refused(desk):
    enquiry = answered(desk, phone="0571 8765 4321")
    with pytest.raises(ValidationError, match="留言人联系电话"):
        enquiry_publish(
            acting_user=desk.office, enquiry=enquiry, public_question="回电0571 8765 4321", public_answer=ANSWER
        )


def test_the_answer_and_the_subject_are_screened_too(desk):
    enquiry = answered(desk)
    with pytest.raises(ValidationError) as caught:
        enquiry_publish(
            acting_user=desk.office,
            enquiry=enquiry,
            public_subject="李小红的问题",
            public_question="怎么报名？",
            public_answer="已电话联系13912345678。",
        )
    assert set(caught.value.message_dict) == {"public_subject", "public_answer"}


def test_publication_needs_consent_and_a_reply(desk):
    without_consent = answered(desk, publish_consent=False)
    with pytest.raises(ValidationError, match="未同意公开"):
        enquiry_publish(
            acting_user=desk.office, enquiry=without_consent, public_question="怎么报名？", public_answer=ANSWER
        )
    unanswered = desk.register()
    with pytest.raises(ValidationError, match="答复后才能公开"):
        enquiry_publish(acting_user=desk.office, enquiry=unanswered, public_question="怎么报名？", public_answer=ANSWER)


def test_only_the_office_publishes_and_unpublishes(desk):
    enquiry = answered(desk)
    with pytest.raises(PermissionDenied):
        enquiry_publish(acting_user=desk.officer, enquiry=enquiry, public_question="怎么报名？", public_answer=ANSWER)
    enquiry = enquiry_publish(
        acting_user=desk.office, enquiry=enquiry, public_question="怎么报名？", public_answer=ANSWER
    )
    with pytest.raises(PermissionDenied):
        enquiry_unpublish(acting_user=desk.outsider, enquiry=enquiry, reason="错误")
    enquiry = enquiry_unpublish(acting_user=desk.office, enquiry=enquiry, reason="政策已调整")
    assert not published_enquiries(desk.agency).exists()
    assert enquiry.public_question == "怎么报名？"
    with pytest.raises(ValidationError, match="尚未公开"):
        enquiry_unpublish(acting_user=desk.office, enquiry=enquiry, reason="再次")


def test_published_list_is_per_agency_searchable_and_hides_inactive_agencies(desk):
    enquiry = answered(desk)
    enquiry_publish(acting_user=desk.office, enquiry=enquiry, public_question="学区怎么划分？", public_answer=ANSWER)
    assert not published_enquiries(desk.other).exists()
    assert published_enquiries(desk.agency, q="学区").count() == 1
    assert published_enquiries(desk.agency, q="收费").count() == 0
    desk.agency.is_active = False
    desk.agency.save()
    assert not published_enquiries(desk.agency).exists()
