"""Publication of selected questions and answers on the portal, with personal data removed.

Only with the asker's consent, only after the reply, and only texts that pass the screening: no
resident ID, bank card, phone number or e-mail address found by ``gongkai.screening``, no secrecy mark,
and not the asker's name. The published texts are stored apart from the originals
(``public_subject``/``public_question``/``public_answer``), so the record of what was asked and answered
is never altered. ``suggest_public_texts`` gives staff a starting point with all of these replaced.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.roles import Action
from gongkai.audit.services import audit_record
from gongkai.consultations.access import require
from gongkai.consultations.models import Enquiry, EventKind
from gongkai.consultations.services.common import (
    MAX_QUESTION,
    MAX_REPLY,
    acting,
    clean_text,
    event_add,
    locked,
)
from gongkai.playback import now, today
from gongkai.privacy.masking import mask, mask_name
from gongkai.screening import FindingKind, screen_text
from gongkai.search.services import search_sync

REFUSED_KINDS = frozenset(
    {
        FindingKind.ID_NUMBER,
        FindingKind.BANK_CARD,
        FindingKind.MOBILE,
        FindingKind.LANDLINE,
        FindingKind.EMAIL,
        FindingKind.SECRECY_MARK,
    }
)
REDACTED = "***"
NAME_PLACEHOLDER = "×××"
_MIN_NAME = 2  # a one-character "name" would match everywhere


_MIN_CONTACT = 5


def _names(enquiry: Enquiry) -> list[str]:
    name = (enquiry.name or "").strip()
    return [name] if len(name) >= _MIN_NAME else []


def _contacts(enquiry: Enquiry) -> list[tuple[str, str]]:
    """The asker's own contact details as given (caught even when the detectors miss their spelling)."""
    pairs = [("留言人联系电话", enquiry.phone), ("留言人电子邮箱", enquiry.email), ("留言人通信地址", enquiry.address)]
    return [(label, value.strip()) for label, value in pairs if value and len(value.strip()) >= _MIN_CONTACT]


def publication_problems(enquiry: Enquiry, texts: dict[str, str]) -> dict[str, list[str]]:
    """What still must be removed from each text (``{"public_question": [...]}``), masked, in Chinese.

    ``texts``: field name → text. Empty when all may be published.
    """
    problems: dict[str, list[str]] = {}
    for field, text in texts.items():
        found = [
            f"{finding.kind.label}“{finding.masked}”" for finding in screen_text(text) if finding.kind in REFUSED_KINDS
        ]
        found += [f"留言人姓名“{mask_name(name)}”" for name in _names(enquiry) if name in text]
        found += [f"{label}“{mask(value)}”" for label, value in _contacts(enquiry) if value in text]
        if found:
            problems[field] = found
    return problems


def redact(text: str, *, names: Iterable[str], contacts: Iterable[str] = ()) -> str:
    """``text`` with the given contact details and every refused finding replaced by ``***``, and each
    name by ``×××``."""
    result = text
    for value in contacts:
        result = result.replace(value, REDACTED)
    spans = [(f.start, f.end) for f in screen_text(result) if f.kind in REFUSED_KINDS]
    for start, end in sorted(spans, reverse=True):
        result = result[:start] + REDACTED + result[end:]
    for name in names:
        result = result.replace(name, NAME_PLACEHOLDER)
    return result


def suggest_public_texts(enquiry: Enquiry) -> dict[str, str]:
    """Subject, question and answer with personal data replaced: what staff start the publication from
    (the texts already published, when there are)."""
    if enquiry.published or enquiry.public_question:
        return {
            "public_subject": enquiry.public_subject,
            "public_question": enquiry.public_question,
            "public_answer": enquiry.public_answer,
        }
    names = _names(enquiry)
    contacts = [value for _, value in _contacts(enquiry)]
    return {
        "public_subject": redact(enquiry.subject, names=names, contacts=contacts),
        "public_question": redact(enquiry.question, names=names, contacts=contacts),
        "public_answer": redact(enquiry.reply, names=names, contacts=contacts),
    }


def enquiry_publish(
    *,
    acting_user: Any,
    enquiry: Enquiry,
    public_question: str,
    public_answer: str,
    public_subject: str = "",
) -> Enquiry:
    """Publish the cleaned question and answer on the agency's portal (or replace the published texts).

    Refused without the asker's consent, before the reply, and while a text still contains personal
    data or the asker's name (``publication_problems``). ``public_subject`` defaults to the subject,
    screened the same way.
    """
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    texts = {
        "public_subject": clean_text(
            public_subject or enquiry.subject, field="public_subject", label="公开标题", limit=100
        ),
        "public_question": clean_text(
            public_question, field="public_question", label="公开的咨询内容", limit=MAX_QUESTION
        ),
        "public_answer": clean_text(public_answer, field="public_answer", label="公开的答复内容", limit=MAX_REPLY),
    }
    with transaction.atomic():
        enquiry = locked(enquiry)
        if not enquiry.publish_consent:
            raise ValidationError("留言人未同意公开咨询内容及答复，不能公开。")
        if not enquiry.enquiry_state.is_answered:
            raise ValidationError("咨询答复后才能公开问答。")
        problems = publication_problems(enquiry, texts)
        if problems:
            raise ValidationError(
                {field: f"请先删除其中的个人信息或敏感内容：{'、'.join(found)}。" for field, found in problems.items()}
            )
        before = {name: getattr(enquiry, name) for name in texts} | {"published": enquiry.published}
        for name, value in texts.items():
            setattr(enquiry, name, value)
        first_time = not enquiry.published
        enquiry.published = True
        enquiry.published_at = now() if first_time else enquiry.published_at
        enquiry.published_by = acting(acting_user)
        enquiry.save(update_fields=[*texts, "published", "published_at", "published_by", "updated_at"])
        event_add(enquiry, EventKind.PUBLISHED, on=today(), acting_user=acting_user)
        audit_record(
            acting_user=acting_user,
            action="enquiry.publish",
            target=enquiry,
            agency=enquiry.agency,
            summary="公开问答" if first_time else "修改已公开的问答",
            before=before,
            after={**texts, "published": True},
        )
        search_sync(enquiry)
    return enquiry


def enquiry_unpublish(*, acting_user: Any, enquiry: Enquiry, reason: str) -> Enquiry:
    """Take a published question and answer off the portal (the texts stay on the record)."""
    require(acting_user, Action.MANAGE_CONSULTATIONS, enquiry.agency)
    reason = clean_text(reason, field="reason", label="取消公开的理由", limit=300)
    with transaction.atomic():
        enquiry = locked(enquiry)
        if not enquiry.published:
            raise ValidationError("该问答尚未公开。")
        enquiry.published = False
        enquiry.save(update_fields=["published", "updated_at"])
        event_add(enquiry, EventKind.UNPUBLISHED, on=today(), acting_user=acting_user, text=reason)
        audit_record(
            acting_user=acting_user,
            action="enquiry.unpublish",
            target=enquiry,
            agency=enquiry.agency,
            summary=f"取消公开问答：{reason}",
            before={"published": True},
            after={"published": False, "reason": reason},
        )
        search_sync(enquiry)
    return enquiry
