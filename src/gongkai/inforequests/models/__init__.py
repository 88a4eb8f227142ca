from gongkai.inforequests.models.applications import Application, ClockEntry
from gongkai.inforequests.models.handling import (
    ApplicationFile,
    ClockBreach,
    Comment,
    Consultation,
    ExtensionRequest,
    Reminder,
)

__all__ = [
    "Application",
    "ApplicationFile",
    "ClockBreach",
    "ClockEntry",
    "Comment",
    "Consultation",
    "ExtensionRequest",
    "Reminder",
]
