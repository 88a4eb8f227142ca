"""Personal data in published lists (学生资助公示). Pure Python.

The practice for student-aid publicity: 公示不得公开身份证号码、家庭住址、联系电话、银行卡号等个人敏感信息.
So in a list of kind ``aid_recipients``:

- names are masked, keeping the first and the last character: 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜
  (a two-character name keeps only the surname; a separator dot in 阿依古丽·买买提 stays);
- an ID number, when the file has one, is shown as its first 6 (region) and last 4 characters, the platform's
  one masking rule (``screening.detectors.mask``): 110105********002X — never the date of birth;
- addresses, phone numbers and bank cards of persons are withheld: those columns are never stored.

``personal_findings`` is the safety net run over every shown cell: an unmasked resident ID, mobile phone
or bank card number refuses the import.
"""

from gongkai.screening.detectors import FindingKind, mask, screen_text

MASK_CHAR = "*"
_NAME_SEPARATORS = frozenset("·•.．")
_SHORT_NAME = 2
SAFETY_NET_KINDS = frozenset({FindingKind.ID_NUMBER, FindingKind.MOBILE, FindingKind.BANK_CARD})


def mask_person_name(name: str) -> str:
    """Keep the first and last character, hide the middle; two characters keep the first only."""
    text = "".join(name.split())
    if not text:
        return ""
    if len(text) == 1:
        return MASK_CHAR
    if len(text) == _SHORT_NAME:
        return text[0] + MASK_CHAR
    middle = "".join(c if c in _NAME_SEPARATORS else MASK_CHAR for c in text[1:-1])
    return text[0] + middle + text[-1]


def mask_id_number(number: str) -> str:
    """110105201001010012 → 110105********0012 (first 6 and last 4 kept, the birth date hidden)."""
    return mask("".join(number.split()).upper())


def personal_findings(text: str, *, allow_phones: bool = False) -> tuple[str, ...]:
    """The kinds of personal data (Chinese labels) found in a cell that is about to be published.

    ``allow_phones``: the column is a published office phone (学校名录的联系电话), so a mobile number is not
    refused there; ID and bank card numbers still are.
    """
    kinds = SAFETY_NET_KINDS - {FindingKind.MOBILE} if allow_phones else SAFETY_NET_KINDS
    found = [f.kind for f in screen_text(text) if f.kind in kinds]
    return tuple(dict.fromkeys(kind.label for kind in found))
