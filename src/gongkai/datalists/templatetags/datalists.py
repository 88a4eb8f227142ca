"""Template pieces of data lists for pages other apps own: the table on a published item's page, and the
lookup links on an agency's page (each added to those templates with one line)."""

from django import template

from gongkai.datalists.selectors import data_list_of, lookup_kinds_for

register = template.Library()


@register.inclusion_tag("portal/_datalist_section.html", takes_context=True)
def datalist_section(context, item):
    from gongkai.portal.views_data import table_context  # noqa: PLC0415 - the portal view owns paging

    data_list = data_list_of(item)
    if data_list is None:
        return {"data_list": None}
    data_list.item = item
    table, _ = table_context(context["request"], data_list)
    return {**table, "item": item, "embedded": True}


@register.inclusion_tag("portal/_datalist_lookups.html")
def datalist_lookup_links(agency):
    return {"agency": agency, "kinds": lookup_kinds_for(agency)}
