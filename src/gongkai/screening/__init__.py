"""Automatic screening of text before publication: personal data, secrecy markings, sensitive terms.
Pure Python (no Django import)."""

from gongkai.screening.detectors import Finding, FindingKind, mask, screen_text
from gongkai.screening.extract import ExtractedText, ExtractionError, detect_type, extract_text

__all__ = [
    "ExtractedText",
    "ExtractionError",
    "Finding",
    "FindingKind",
    "detect_type",
    "extract_text",
    "mask",
    "screen_text",
]
