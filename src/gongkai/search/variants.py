"""PURE: "did you mean" for queries typed in traditional characters (繁体): the simplified form, when it
differs. ``zhconv`` holds the conversion tables (MediaWiki's). No Django import."""

import zhconv


def simplified(query: str) -> str | None:
    converted: str = zhconv.convert(query, "zh-cn")
    return converted if converted != query else None
