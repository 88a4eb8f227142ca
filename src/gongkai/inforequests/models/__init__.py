from gongkai.inforequests.models.applications import Application, ClockEntry
from gongkai.inforequests.models.handling import (
    ApplicationFile,
    ClockBreach,
    Comment,
    Consultation,
    ExtensionRequest,
    Reminder,
)
from gongkai.inforequests.models.letters import Letter, LetterNumbering, LetterState, LetterTemplate

__all__ = [
    "Application",
    "ApplicationFile",
    "ClockBreach",
    "ClockEntry",
    "Comment",
    "Consultation",
    "ExtensionRequest",
    "Letter",
    "LetterNumbering",
    "LetterState",
    "LetterTemplate",
    "Reminder",
]
