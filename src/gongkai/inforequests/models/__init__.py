from gongkai.inforequests.models.applications import Application, ClockEntry

__all__ = ["Application", "ClockEntry"]
