"""The kinds of letters an application gets. Pure Python: no Django import."""

from enum import StrEnum


class LetterKind(StrEnum):
    ACKNOWLEDGEMENT = "acknowledgement"  # 受理回执 (Art. 31)
    CORRECTION_NOTICE = "correction_notice"  # 补正告知书 (Art. 30)
    CONSULTATION = "consultation"  # 征求意见函 (Arts. 32, 34)
    EXTENSION_NOTICE = "extension_notice"  # 延期答复告知书 (Art. 33)
    FEE_NOTICE = "fee_notice"  # 收费通知书 (Art. 42, 国办函〔2020〕109号)
    REPLY = "reply"  # 答复告知书 (Arts. 36–39)

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def to_applicant(self) -> bool:
        """Every letter but the consultation goes to the applicant."""
        return self is not LetterKind.CONSULTATION


_LABELS = {
    LetterKind.ACKNOWLEDGEMENT: "受理回执",
    LetterKind.CORRECTION_NOTICE: "补正告知书",
    LetterKind.CONSULTATION: "征求意见函",
    LetterKind.EXTENSION_NOTICE: "延期答复告知书",
    LetterKind.FEE_NOTICE: "收费通知书",
    LetterKind.REPLY: "答复告知书",
}

LETTER_KIND_CHOICES = [(k.value, k.label) for k in LetterKind]

# Unfilled parts of a letter are written as 【请填写…】: a letter containing one cannot be issued.
PLACEHOLDER_MARK = "【请填写"


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_MARK}{what}】"
