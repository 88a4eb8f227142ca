"""``{% appeal_cases_for application %}``: the review and litigation cases tied to an application, shown
on the application page, with the prompt to handle it again after a corrected outcome."""

from django import template

from gongkai.appeals.access import cases_visible
from gongkai.appeals.kinds import Result
from gongkai.appeals.states import CaseState
from gongkai.inforequests.services.reopen import REOPENABLE_STATES

register = template.Library()


@register.inclusion_tag("backoffice/appeals/_application_cases.html", takes_context=True)
def appeal_cases_for(context, application):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or application is None:
        return {"cases": [], "prompt": [], "reopenings": []}
    cases = list(
        cases_visible(user)
        .filter(applications=application)
        .exclude(state=CaseState.VOIDED.value)
        .order_by("filed_on", "pk")
    )
    reopenings = list(application.reopenings.order_by("pk"))
    answered = application.application_state in REOPENABLE_STATES
    prompt = [c for c in cases if c.result == Result.CORRECTED.value] if answered and not reopenings else []
    return {
        "cases": cases,
        "prompt": prompt,
        "reopenings": reopenings,
        "reopened_from": application.reopened_from,
    }
