"""Rich-text bodies are stored sanitised: a whitelist of formatting tags, no scripts, no styles."""

import html as html_lib
import re

import nh3

_BLOCK_BOUNDARY = re.compile(r"<\s*/?\s*(p|div|br|li|tr|td|th|h[1-6]|table|blockquote|hr)\b[^>]*>", re.IGNORECASE)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "img",
    "hr",
    "span",
    "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize_body(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    """The text of a body for screening and search: block boundaries become line breaks, tags go."""
    return html_lib.unescape(nh3.clean(_BLOCK_BOUNDARY.sub("\n", html), tags=set())).strip()
