"""Letter numbers (文号): one series per agency and year of issue. Pure Python: no Django import."""

PREFIX_SUFFIX = "依申"


def default_prefix(short_name: str, name: str) -> str:
    """The agency's short name (else its full name) followed by 依申, e.g. 东区教育局依申."""
    return f"{short_name or name}{PREFIX_SUFFIX}"


def format_number(prefix: str, year: int, serial: int) -> str:
    """E.g. 东区教育局依申〔2026〕第7号."""
    return f"{prefix}〔{year}〕第{serial}号"
