"""Masked forms of personal data for lists, exports and audit records. Pure Python.

The same rule as the screening findings (``screening.detectors.mask``): keep a few characters at the
ends, hide the middle, keep the length. Addresses keep only the leading administrative part.
"""

from gongkai.screening.detectors import mask

__all__ = ["mask", "mask_address", "mask_name"]

_ADDRESS_KEEP = 6


def mask_address(address: str) -> str:
    """示范市东城区人民路100号3单元 → 示范市东城区**********: the district stays, the street goes."""
    text = address.strip()
    if len(text) <= _ADDRESS_KEEP:
        return "*" * len(text)
    return text[:_ADDRESS_KEEP] + "*" * (len(text) - _ADDRESS_KEEP)


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧***; organisation names are not personal data and are not passed here."""
    text = name.strip()
    if len(text) <= 1:
        return text
    return text[0] + "*" * (len(text) - 1)
