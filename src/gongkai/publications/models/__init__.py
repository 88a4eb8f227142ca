from gongkai.publications.models.catalog import CatalogNode, DisclosureSettings, IndexSerial, Topic
from gongkai.publications.models.guide import DisclosureGuide
from gongkai.publications.models.items import Attachment, InformationItem
from gongkai.publications.models.screening import ScreeningFinding, ScreeningRun
from gongkai.publications.models.timeliness import TimelinessBreach
from gongkai.publications.models.workflow import TaskState, WorkflowTask

__all__ = [
    "Attachment",
    "CatalogNode",
    "DisclosureGuide",
    "DisclosureSettings",
    "IndexSerial",
    "InformationItem",
    "ScreeningFinding",
    "ScreeningRun",
    "TaskState",
    "TimelinessBreach",
    "Topic",
    "WorkflowTask",
]
