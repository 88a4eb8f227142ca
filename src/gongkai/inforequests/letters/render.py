"""Letter text from a template, and the letter laid out as DOCX and PDF.

Templates use Django's template language over a plain context (``letters.context``): no model objects
reach a template. A variable the context lacks renders as a 【请填写…】 marker, so a mistyped name in
an agency's template cannot slip into an issued letter unnoticed.

The body is plain text, one paragraph per line. The layout adds the title, the number, and the
signature block (agency, date); ``LetterParts`` holds exactly what is printed, so the DOCX and the PDF
are produced from the frozen fields alone.
"""

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass

from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError

from gongkai.inforequests.letters.defaults import signature_lines
from gongkai.inforequests.letters.kinds import PLACEHOLDER_MARK

_ENGINE = Engine(autoescape=False, string_if_invalid=f"{PLACEHOLDER_MARK}：%s】")

SERIF_FONTS = '"FangSong", "仿宋", "FangSong_GB2312", "Noto Serif CJK SC", "Noto Serif SC", serif'
SANS_FONTS = '"SimHei", "黑体", "Noto Sans CJK SC", "Noto Sans SC", sans-serif'
DOCX_BODY_FONT = "仿宋_GB2312"
DOCX_TITLE_FONT = "方正小标宋简体"
DOCX_FALLBACK_FONT = "宋体"
NUMBER_PENDING = "（文号于签发时编定）"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class LetterTemplateError(ValueError):
    """The template text is not valid template syntax; the message (Chinese) says where."""


def check_template(source: str) -> None:
    render_text(source, {})


def render_text(source: str, context: dict) -> str:
    """Render ``source`` and normalise it: one paragraph per line, no blank lines, no stray spaces."""
    try:
        text = _ENGINE.from_string(source).render(Context(context, autoescape=False))
    except TemplateSyntaxError as exc:
        raise LetterTemplateError(f"模板语法错误：{exc}") from exc
    except TemplateDoesNotExist as exc:  # {% include %} / {% extends %}: letter templates stand alone
        raise LetterTemplateError(f"文书模板不能引用其他模板：{exc}") from exc
    return normalise(text)


def normalise(text: str) -> str:
    lines = (re.sub(r"[ \t\u3000]+$", "", line).strip(" \t") for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def placeholders(text: str) -> list[str]:
    """The 【请填写…】 markers still in ``text``."""
    return re.findall(re.escape(PLACEHOLDER_MARK) + r"[^】]*】", text)


@dataclass(frozen=True)
class LetterParts:
    """Everything printed on a letter, in order."""

    title: str
    number: str  # empty on a draft
    body: str
    signatory: str
    date_text: str  # empty on a draft

    @property
    def paragraphs(self) -> list[str]:
        return [line for line in self.body.split("\n") if line.strip()]

    @property
    def signature(self) -> tuple[str, str]:
        return signature_lines(self.signatory, self.date_text)

    @property
    def is_draft(self) -> bool:
        return not self.number

    def text(self) -> str:
        """The canonical text of the letter: what its SHA-256 is computed over."""
        return "\n".join((self.title, self.number, *self.paragraphs, *self.signature)) + "\n"

    def sha256(self) -> str:
        return hashlib.sha256(self.text().encode()).hexdigest()


# --- DOCX --------------------------------------------------------------------------------------------


def _set_font(run, name: str, size_pt: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn  # noqa: PLC0415 - heavy import, only when a letter is produced
    from docx.shared import Pt  # noqa: PLC0415

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()  # noqa: SLF001 - python-docx has no east-asian API
    fonts.set(qn("w:eastAsia"), name)


def render_docx(parts: LetterParts) -> bytes:
    """A4 letter: title, number, paragraphs (first-line indent two characters), signature right-aligned."""
    import docx  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Cm, Pt  # noqa: PLC0415

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    core = document.core_properties
    core.title, core.author, core.comments = parts.title, parts.signatory, ""

    def paragraph(text: str, *, font: str = DOCX_BODY_FONT, size: float = 16, align=None, indent: bool = False):
        para = document.add_paragraph()
        para.paragraph_format.line_spacing = Pt(28)
        para.paragraph_format.space_after = Pt(0)
        if align is not None:
            para.alignment = align
        if indent:
            para.paragraph_format.first_line_indent = Pt(size * 2)
        _set_font(para.add_run(text), font, size)
        return para

    paragraph(parts.title, font=DOCX_TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(parts.number or NUMBER_PENDING, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph("")
    for position, text in enumerate(parts.paragraphs):
        paragraph(text, indent=position > 0)
    paragraph("")
    for line in parts.signature:
        paragraph(line, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times: the same letter always gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------

_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {SERIF_FONTS}; font-size: 14pt; }} }}
body {{ font-family: {SERIF_FONTS}; font-size: 16pt; line-height: 28pt; margin: 0; }}
h1 {{ font-family: {SANS_FONTS}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 36pt;
  margin: 0 0 14pt; }}
.number {{ text-align: center; margin: 0 0 28pt; }}
p {{ margin: 0; text-align: justify; }}
p.text {{ text-indent: 2em; }}
.signature {{ text-align: right; margin-top: 28pt; }}
.draft {{ text-align: center; color: #a00; font-family: {SANS_FONTS}; margin: 0 0 14pt; }}
"""


def letter_html(parts: LetterParts) -> str:
    esc = html.escape
    paragraphs = [
        f'<p class="{"addressee" if i == 0 else "text"}">{esc(text)}</p>' for i, text in enumerate(parts.paragraphs)
    ]
    signature = "".join(f"<p>{esc(line)}</p>" for line in parts.signature)
    draft = '<p class="draft">草稿 · 未签发</p>' if parts.is_draft else ""
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(parts.title)}</title>'
        f"<style>{_CSS}</style></head><body>{draft}<h1>{esc(parts.title)}</h1>"
        f'<p class="number">{esc(parts.number or NUMBER_PENDING)}</p>'
        f'{"".join(paragraphs)}<div class="signature">{signature}</div></body></html>'
    )


def render_pdf(parts: LetterParts) -> bytes:
    import weasyprint  # noqa: PLC0415 - heavy import, only when a letter is produced

    return weasyprint.HTML(string=letter_html(parts)).write_pdf()
