"""Reads of letters: an application's letters for the back office, and the issued reply for the public
status page."""

from django.db.models import QuerySet

from gongkai.inforequests.letters.kinds import LetterKind
from gongkai.inforequests.models import Application, Letter, LetterState


def letters_for(application: Application) -> QuerySet[Letter]:
    """All letters of ``application``, drafts included, oldest first (callers check access first)."""
    return Letter.objects.filter(application=application).select_related("consultation").order_by("created_at", "id")


def issued_reply_letter(application: Application) -> Letter | None:
    """The latest issued reply letter (答复告知书) of ``application``, or None."""
    return (
        Letter.objects.filter(application=application, kind=LetterKind.REPLY, state=LetterState.ISSUED)
        .order_by("-issued_at", "-id")
        .first()
    )


def letters_for_applicant(application: Application) -> list[Letter]:
    """Issued letters addressed to the applicant (not consultation letters to third parties), oldest first."""
    return list(
        Letter.objects.filter(application=application, state=LetterState.ISSUED)
        .exclude(kind=LetterKind.CONSULTATION)
        .order_by("issued_at", "id")
    )
