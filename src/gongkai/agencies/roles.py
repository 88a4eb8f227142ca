"""Staff roles and what each may do: pure data, no Django import.

A role is held per agency (``Membership``). Only the supervisor role reaches down the agency tree:
a supervisor (政务公开办 of the government above) sees every agency below its own.
"""

from enum import StrEnum


class Role(StrEnum):
    OFFICER = "officer"  # 信息员
    REVIEWER = "reviewer"  # 审核人
    APPROVER = "approver"  # 签发人
    OFFICE = "office"  # 公开办（政府信息公开工作机构）
    SUPERVISOR = "supervisor"  # 监督
    ADMIN = "admin"  # 管理员

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICER: "信息员",
    Role.REVIEWER: "审核人",
    Role.APPROVER: "签发人",
    Role.OFFICE: "公开办",
    Role.SUPERVISOR: "监督",
    Role.ADMIN: "管理员",
}

SUBTREE_ROLES: frozenset[Role] = frozenset({Role.SUPERVISOR})


class Action(StrEnum):
    VIEW_AGENCY = "agency.view"  # see the agency's internal records
    EDIT_AGENCY = "agency.edit"  # contact data, guide data, reading rooms
    MANAGE_DEPARTMENTS = "department.manage"
    MANAGE_STAFF = "staff.manage"  # grant and revoke roles
    VIEW_AUDIT = "audit.view"
    DRAFT_ITEM = "item.draft"  # draft information items and submit them for review
    MANAGE_ITEMS = "item.manage"  # withdraw, repeal, re-evaluate withheld items
    MANAGE_CATALOG = "catalog.manage"  # catalog columns, workflow steps, disclosure settings
    MANAGE_APPLICATIONS = "application.manage"  # register, confirm, assign, decide, issue letters, deliver
    HANDLE_APPLICATIONS = "application.handle"  # work on applications assigned to one (comments, drafts)
    APPROVE_EXTENSION = "application.extend"  # Art. 33: the head of the disclosure office approves extensions
    MANAGE_CONSULTATIONS = "consultation.manage"  # register, assign, publish, reopen, convert enquiries; settings
    HANDLE_CONSULTATIONS = "consultation.handle"  # draft and send replies to enquiries assigned to one
    REVIEW_CONSULTATION_REPLIES = "consultation.review"  # approve or return reply drafts before they go out
    VIEW_APPEALS = "appeal.view"  # see administrative review and litigation cases (行政复议、行政诉讼)
    MANAGE_APPEALS = "appeal.manage"  # register cases, record their dates, documents and outcomes
    VIEW_REPORTS = "report.view"  # see annual reports in every state, their findings and history
    EDIT_REPORTS = "report.edit"  # generate, edit, submit and publish the annual report; enter its statistics
    REVIEW_REPORTS = "report.review"  # accept or return the reports of the agencies below; the roll-up
    MANAGE_PLANS = "plan.manage"  # the key-area disclosure plan: install, add, change, deactivate entries
    COMPLETE_PLAN_TASKS = "plan.complete"  # link a published item to a plan task by hand, or undo the link
    SUPERVISE_PLANS = "plan.supervise"  # the plans of the agencies below: the roll-up


_ALL = frozenset(Role)

GRANTS: dict[Action, frozenset[Role]] = {
    Action.VIEW_AGENCY: _ALL,
    Action.EDIT_AGENCY: frozenset({Role.ADMIN, Role.OFFICE}),
    Action.MANAGE_DEPARTMENTS: frozenset({Role.ADMIN}),
    Action.MANAGE_STAFF: frozenset({Role.ADMIN}),
    Action.VIEW_AUDIT: frozenset({Role.ADMIN, Role.OFFICE, Role.SUPERVISOR}),
    Action.DRAFT_ITEM: frozenset({Role.OFFICER, Role.OFFICE}),
    Action.MANAGE_ITEMS: frozenset({Role.OFFICE}),
    Action.MANAGE_CATALOG: frozenset({Role.OFFICE, Role.ADMIN}),
    Action.MANAGE_APPLICATIONS: frozenset({Role.OFFICE}),
    Action.HANDLE_APPLICATIONS: frozenset({Role.OFFICE, Role.OFFICER}),
    Action.APPROVE_EXTENSION: frozenset({Role.APPROVER}),
    Action.MANAGE_CONSULTATIONS: frozenset({Role.OFFICE}),
    Action.HANDLE_CONSULTATIONS: frozenset({Role.OFFICE, Role.OFFICER}),
    Action.REVIEW_CONSULTATION_REPLIES: frozenset({Role.APPROVER, Role.REVIEWER}),
    Action.VIEW_APPEALS: frozenset({Role.OFFICE, Role.APPROVER, Role.SUPERVISOR}),
    Action.MANAGE_APPEALS: frozenset({Role.OFFICE}),
    Action.VIEW_REPORTS: frozenset({Role.OFFICE, Role.APPROVER, Role.SUPERVISOR, Role.ADMIN}),
    Action.EDIT_REPORTS: frozenset({Role.OFFICE}),
    Action.REVIEW_REPORTS: frozenset({Role.SUPERVISOR}),
    Action.MANAGE_PLANS: frozenset({Role.OFFICE, Role.ADMIN}),
    Action.COMPLETE_PLAN_TASKS: frozenset({Role.OFFICE, Role.OFFICER}),
    Action.SUPERVISE_PLANS: frozenset({Role.SUPERVISOR}),
}


def allows(action: Action, roles: frozenset[Role]) -> bool:
    """True when any of ``roles`` (held at or inherited onto an agency) grants ``action`` there."""
    return bool(GRANTS[action] & roles)
