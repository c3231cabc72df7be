"""The package's parts, built from the house style: a minimal set instead of python-docx's default
template (which carries a thumbnail of an unrelated document, 430 KB of styles with theme fonts,
latent styles, custom XML and a web-settings part nobody needs).

The template holds the page set-up (A4, GB/T 9704 margins, a page-number footer), the styles
the exporter uses — each naming its East Asian face in ``w:eastAsia``, no theme font anywhere,
headings black — and the document language (zh-CN for East Asian text).
"""

from __future__ import annotations

from . import style
from .style import Font
from .wml import W_NS, esc, esc_text, rfonts, rpr

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_CT = "application/vnd.openxmlformats-officedocument"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: (part name, content type) of the template's parts, in package order.
PARTS = (
    ("/word/document.xml", f"{_CT}.wordprocessingml.document.main+xml"),
    ("/word/styles.xml", f"{_CT}.wordprocessingml.styles+xml"),
    ("/word/settings.xml", f"{_CT}.wordprocessingml.settings+xml"),
    ("/word/fontTable.xml", f"{_CT}.wordprocessingml.fontTable+xml"),
    ("/word/footer1.xml", f"{_CT}.wordprocessingml.footer+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", f"{_CT}.extended-properties+xml"),
)

_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _style(
    style_id: str,
    name: str,
    ppr: str,
    font: Font | None,
    *,
    based_on: str = "Normal",
    next_style: str | None = None,
    outline: int | None = None,
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_style}"/>' if next_style else ""
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{nxt}<w:qFormat/>{f'<w:pPr>{ppr}</w:pPr>' if ppr else '<w:pPr/>'}"
        f"{rpr(font) if font else ''}</w:style>"
    )


def _spacing(line: int | None = None, before: int = 0, after: int = 0) -> str:
    rule = f'w:line="{line}" w:lineRule="exact"' if line else 'w:line="240" w:lineRule="auto"'
    return f'<w:spacing w:before="{before}" w:after="{after}" {rule}/>'


_INDENT = f'<w:ind w:firstLineChars="{style.INDENT_CHARS}" w:firstLine="{style.INDENT_BODY}"/>'
_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def styles_xml() -> str:
    """styles.xml: document defaults (仿宋_GB2312 三号, zh-CN) and the exporter's styles."""
    exact = style.LINE_EXACT
    border = f'w:val="single" w:sz="{style.BORDER}" w:space="0" w:color="000000"'
    margin = f'w:w="{style.CELL_MARGIN}" w:type="dxa"'
    heading = "<w:keepNext/><w:keepLines/>" + _spacing(exact) + _INDENT + '<w:jc w:val="both"/>'
    styles = [
        (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '<w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>'
        ),
        (
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "<w:unhideWhenUsed/></w:style>"
        ),
        (
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
            '<w:name w:val="Normal Table"/>'
            '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
            f'<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            f'<w:top w:w="{style.CELL_MARGIN_TOP}" w:type="dxa"/>'
            f'<w:left {margin}/><w:bottom w:w="0" w:type="dxa"/><w:right {margin}/>'
            "</w:tblCellMar></w:tblPr></w:style>"
        ),
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:tblPr><w:tblBorders>'
        + "".join(
            f"<w:{s} {border}/>" for s in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders></w:tblPr></w:style>",
        _style(
            "Title",
            "Title",
            "<w:keepNext/>" + _spacing(before=0, after=120) + '<w:jc w:val="center"/>',
            style.TITLE,
            next_style="Subtitle",
        ),
        _style(
            "Subtitle",
            "Subtitle",
            "<w:keepNext/>" + _spacing(exact, after=240) + '<w:jc w:val="center"/>',
            style.BODY,
            next_style="FormField",
        ),
        _style(
            "FormField",
            "Form Field",
            _spacing(exact) + _NO_INDENT + '<w:jc w:val="left"/>',
            style.BODY,
        ),
        _style(
            "FormLabel",
            "Form Label",
            "<w:keepNext/>" + _spacing(exact, before=240, after=120) + '<w:jc w:val="center"/>',
            style.HEADING_1,
            next_style="Heading1",
        ),
        _style(
            "BodyText", "Body Text", _spacing(exact) + _INDENT + '<w:jc w:val="both"/>', style.BODY
        ),
        _style("Heading1", "heading 1", heading, style.HEADING_1, next_style="BodyText", outline=0),
        _style("Heading2", "heading 2", heading, style.HEADING_2, next_style="BodyText", outline=1),
        _style("Heading3", "heading 3", heading, style.HEADING_3, next_style="BodyText", outline=2),
        _style(
            "TableText",
            "Table Text",
            '<w:snapToGrid w:val="0"/>'
            + _spacing(style.LINE_TABLE)
            + _NO_INDENT
            + '<w:jc w:val="center"/>',
            style.TABLE,
        ),
        _style("TableHeading", "Table Heading", "", style.TABLE_HEAD, based_on="TableText"),
        _style(
            "GradeLine",
            "Grade Line",
            _spacing(exact, before=120) + _NO_INDENT + '<w:jc w:val="left"/>',
            style.BODY,
        ),
        _style(
            "Footer", "footer", _spacing() + _NO_INDENT + '<w:jc w:val="center"/>', style.FOOTER
        ),
    ]
    body = style.BODY
    return (
        f'{_DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{rfonts(body)}'
        f'<w:kern w:val="2"/><w:sz w:val="{body.size}"/><w:szCs w:val="{body.size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr>"
        + _spacing()
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + "".join(styles)
        + "</w:styles>"
    )


def section_xml(orientation: str = "portrait") -> str:
    """A section's properties: A4 (turned for ``landscape``) with the GB/T 9704 margins, and
    the page-number footer."""
    if orientation == "landscape":
        top, bottom, left, right = style.LANDSCAPE_MARGINS
        size = f'<w:pgSz w:w="{style.PAGE_HEIGHT}" w:h="{style.PAGE_WIDTH}" w:orient="landscape"/>'
    else:
        top, bottom = style.MARGIN_TOP, style.MARGIN_BOTTOM
        left, right = style.MARGIN_LEFT, style.MARGIN_RIGHT
        size = f'<w:pgSz w:w="{style.PAGE_WIDTH}" w:h="{style.PAGE_HEIGHT}"/>'
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
        f"{size}"
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        f'w:header="{style.HEADER_DISTANCE}" w:footer="{style.FOOTER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )


def document_xml(body: str = "", section: str | None = None) -> str:
    """The main document part: ``body`` (WordprocessingML) and the last section's properties."""
    return (
        f'{_DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}'
        f"{section if section is not None else section_xml()}</w:body></w:document>"
    )


def footer_xml() -> str:
    """The footer: the page number between dashes, "— 1 —", centred (宋体 四号)."""
    font = style.FOOTER
    dash = f'<w:r>{rpr(font)}<w:t xml:space="preserve">— </w:t></w:r>'
    dash_after = f'<w:r>{rpr(font)}<w:t xml:space="preserve"> —</w:t></w:r>'
    page = (
        f'<w:r>{rpr(font)}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr(font)}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr(font)}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr(font)}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr(font)}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'{_DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr>'
        f'<w:pStyle w:val="Footer"/></w:pPr>{dash}{page}{dash_after}</w:p></w:ftr>'
    )


def settings_xml() -> str:
    """settings.xml: Word 2013+ layout, CJK punctuation compression, zh-CN East Asian language."""
    return (
        f'{_DECL}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def font_table_xml() -> str:
    """fontTable.xml: the faces used, GB2312 charset, with the Windows names as alternatives."""
    fonts = []
    for name, alt in style.FONT_ALIASES.items():
        alt_name = f'<w:altName w:val="{esc(alt)}"/>' if alt else ""
        charset = "00" if name == "Times New Roman" else "86"
        family = "roman" if name == "Times New Roman" else "auto"
        fonts.append(
            f'<w:font w:name="{esc(name)}">{alt_name}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    return f'{_DECL}<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'


def core_xml(title: str, author: str, subject: str, date: str, status: str | None = None) -> str:
    """docProps/core.xml: title (the project), author (填报单位), subject, language, and the
    document's date as created and modified (``2024-12-31T00:00:00Z``)."""
    ns = (
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    )
    stamp = 'xsi:type="dcterms:W3CDTF"'
    status_xml = f"<cp:contentStatus>{esc_text(status)}</cp:contentStatus>" if status else ""
    return (
        f"{_DECL}<cp:coreProperties {ns}><dc:title>{esc_text(title)}</dc:title>"
        f"<dc:creator>{esc_text(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc_text(author)}</cp:lastModifiedBy>"
        f"<dc:subject>{esc_text(subject)}</dc:subject><dc:language>zh-CN</dc:language>"
        f"<cp:revision>1</cp:revision>{status_xml}"
        f"<dcterms:created {stamp}>{date}</dcterms:created>"
        f"<dcterms:modified {stamp}>{date}</dcterms:modified></cp:coreProperties>"
    )


def app_xml() -> str:
    """docProps/app.xml."""
    return (
        f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>perfeval-docx</Application>'
        "<DocSecurity>0</DocSecurity></Properties>"
    )


def package_rels_xml() -> str:
    """_rels/.rels: the main document and the two property parts."""
    return (
        f'{_DECL}<Relationships xmlns="{PKG_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def document_rels_xml(*, evaluation: bool = False) -> str:
    """word/_rels/document.xml.rels: styles, settings, font table and footer (and the custom
    XML part holding the evaluation, with ``evaluation``)."""
    rels: tuple[tuple[str, str, str], ...] = (
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rId4", "footer", "footer1.xml"),
    )
    if evaluation:
        rels += (("rId5", "customXml", "../customXml/item1.xml"),)
    return (
        f'{_DECL}<Relationships xmlns="{PKG_RELS_NS}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>' for i, t, target in rels
        )
        + "</Relationships>"
    )


def content_types_xml(parts: list[tuple[str, str]]) -> str:
    """[Content_Types].xml for ``parts`` (part name, content type), in the order given."""
    overrides = "".join(
        f'<Override PartName="{esc(name)}" ContentType="{esc(ct)}"/>' for name, ct in parts
    )
    return (
        f'{_DECL}<Types xmlns="{CT_NS}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )


#: The namespace of the custom XML part that holds the evaluation a document was made from.
EVALUATION_NS = "urn:perfeval:evaluation:1"
#: The custom XML part's properties: its content type, and the fixed id Word asks for.
CUSTOM_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_CUSTOM_ITEM_ID = "{6D3A8C1E-5B7F-4E2A-9C0D-1F2E3A4B5C6D}"
_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def evaluation_xml(toml: str) -> str:
    """customXml/item1.xml: the evaluation as TOML, for perfeval import to read the document
    back (Word keeps custom XML parts when it saves; nothing of it is shown or printed)."""
    return f'{_DECL}<evaluation xmlns="{EVALUATION_NS}">{esc_text(toml)}</evaluation>'


def evaluation_props_xml() -> str:
    """customXml/itemProps1.xml: the custom XML part's id and schema."""
    return (
        f'{_DECL}<ds:datastoreItem ds:itemID="{_CUSTOM_ITEM_ID}" xmlns:ds="{_DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{EVALUATION_NS}"/></ds:schemaRefs>'
        "</ds:datastoreItem>"
    )


def evaluation_rels_xml() -> str:
    """customXml/_rels/item1.xml.rels: the custom XML part to its properties."""
    return (
        f'{_DECL}<Relationships xmlns="{PKG_RELS_NS}">'
        f'<Relationship Id="rId1" Type="{_REL}/customXmlProps" Target="itemProps1.xml"/>'
        "</Relationships>"
    )
