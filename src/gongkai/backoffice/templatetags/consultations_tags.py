"""``{% enquiry_links_for application %}``: on the application page, the enquiries an application came
from or became, and the form to handle it as an enquiry instead (转为咨询，条例第三十九条).

``{% enquiry_queue_summary %}``: the consultation work waiting for the signed-in user (dashboard)."""

from django import template

from gongkai.agencies.access import can
from gongkai.agencies.roles import Action
from gongkai.backoffice.forms_consultations import FromApplicationForm
from gongkai.consultations.access import enquiries_visible
from gongkai.consultations.selectors import enquiry_queues
from gongkai.inforequests.states import ApplicationState

register = template.Library()
_CONVERTIBLE = frozenset({ApplicationState.PENDING, ApplicationState.HANDLING})


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("backoffice/consultations/_application_links.html", takes_context=True)
def enquiry_links_for(context, application):
    user = _user(context)
    if user is None or application is None or not user.is_authenticated:
        return {"application": None}
    visible = enquiries_visible(user)
    may_convert = (
        application.application_state in _CONVERTIBLE
        and can(user, Action.MANAGE_APPLICATIONS, application.agency)
        and can(user, Action.MANAGE_CONSULTATIONS, application.agency)
    )
    return {
        "application": application,
        "came_from": list(visible.filter(converted_to_application=application)),
        "became": list(visible.filter(converted_from_application=application)),
        "form": FromApplicationForm(application=application, auto_id="id_fa_%s") if may_convert else None,
    }


@register.inclusion_tag("backoffice/consultations/_dashboard.html", takes_context=True)
def enquiry_queue_summary(context):
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {"queues": None}
    return {"queues": enquiry_queues(user, limit=20)}
