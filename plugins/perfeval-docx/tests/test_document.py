"""The document around the table: narrative forms, fonts and styles, page, package, determinism."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx_testkit import W, block_order, paragraphs, part, raw, render

from perfeval_docx import style

THEME_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


# --- the narrative ------------------------------------------------------------------------------


def test_form_header_and_sections(documents, cards):
    blocks = block_order(documents["01"])
    assert blocks[:8] == [
        "项目支出绩效自我评价情况表",
        "(2024)",
        "填报单位：如皋市人力资源和社会保障局",
        "项目名称：新录用事业人员培训及事业人员嘉奖证书",
        "项目实施年度：2024年",
        "项目实施开始时间(年/月):2024/01",
        "项目实施完成时间(年/月):2024/12",
        "项目自我评价情况",
    ]
    headings = [p.text for p in paragraphs(documents["01"]) if p.style == "Heading1"]
    assert headings == [
        "一、项目概况",
        "二、评价情况",
        "三、项目绩效",
        "四、存在问题",
        "五、整改措施",
    ]
    first = cards["01"].evaluation.spec.narrative.sections[0].text
    assert blocks[9] == first  # the section text follows its heading


def test_every_narrative_paragraph_is_written(documents, cards):
    for number, card in cards.items():
        texts = {p.text for p in paragraphs(documents[number]) if p.style == "BodyText"}

        def walk(sections, texts=texts, number=number):
            for s in sections:
                for para in re.split(r"\n\s*\n", s.text.strip()):
                    if para.strip():
                        assert para.strip() in texts, (number, para[:20])
                walk(s.sections)

        walk(card.evaluation.spec.narrative.sections)


def test_report_form_for_file_13(documents, cards):
    data, narrative = documents["13"], cards["13"].evaluation.spec.narrative
    assert narrative.form == "自评报告"
    paras = paragraphs(data)
    assert paras[0].text == narrative.title and paras[0].style == "Title"
    assert "项目支出绩效自我评价情况表" not in [p.text for p in paras]
    assert "项目自我评价情况" not in [p.text for p in paras]
    level1 = [p.text for p in paras if p.style == "Heading1"]
    level2 = [p.text for p in paras if p.style == "Heading2"]
    assert level1 == [
        "一、项目情况",
        "二、评价情况",
        "三、项目绩效",
        "四、存在问题",
        "五、有关建议",
    ]
    assert level2[:2] == ["（一）项目概况", "（二）绩效目标"]
    assert len(level2) == 8
    # the 评分表 follows on its own page
    assert "项目支出绩效自我评价评分表" in [p.text for p in paras]


def test_the_twelve_others_are_forms(documents):
    for number, data in documents.items():
        first = paragraphs(data)[0].text
        expected = "项目支出绩效自我评价情况表" if number != "13" else None
        if expected:
            assert first == expected, number


# --- fonts, styles, language -----------------------------------------------------------------


def test_no_theme_fonts_anywhere(documents):
    data = documents["01"]
    for name in ("word/styles.xml", "word/document.xml"):
        xml = raw(data, name).decode("utf-8")
        for attribute in THEME_ATTRIBUTES:
            assert f"w:{attribute}=" not in xml, (name, attribute)


def test_east_asian_fonts_on_styles_and_runs(documents):
    data = documents["01"]
    styles = part(data, "word/styles.xml")
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default.get(f"{W}eastAsia") == "仿宋_GB2312"
    for rfonts in styles.iter(f"{W}rFonts"):
        assert rfonts.get(f"{W}eastAsia"), rfonts.getparent().getparent().get(f"{W}styleId")
    runs = list(part(data, "word/document.xml").iter(f"{W}r"))
    assert runs
    for r in runs:
        assert r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")


def _run_font(paragraph):
    rpr = paragraph.element.find(f"{W}r/{W}rPr")
    return (rpr.find(f"{W}rFonts").get(f"{W}eastAsia"), int(rpr.find(f"{W}sz").get(f"{W}val")))


def test_fonts_by_role(documents):
    paras = paragraphs(documents["13"])
    by_style = {}
    for p in paras:
        if p.text and p.style not in by_style:
            by_style[p.style] = _run_font(p)
    assert by_style["Title"] in {("方正小标宋简体", 44), ("黑体", 44)}  # 二号
    assert by_style["BodyText"] == ("仿宋_GB2312", 32)  # 三号
    assert by_style["Heading1"] == ("黑体", 32)
    assert by_style["Heading2"] == ("楷体_GB2312", 32)
    cell_runs = [
        r
        for r in part(documents["13"], "word/document.xml").iter(f"{W}r")
        if r.getparent().getparent().tag == f"{W}tc"
    ]
    sizes = {int(r.find(f"{W}rPr/{W}sz").get(f"{W}val")) for r in cell_runs}
    faces = {r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in cell_runs}
    assert sizes == {21}  # 五号 10.5 pt
    assert faces <= {"宋体", "仿宋_GB2312", "黑体"}


def test_headings_are_black_and_outlined(documents):
    styles = part(documents["01"], "word/styles.xml")
    for s in styles.iter(f"{W}style"):
        color = s.find(f"{W}rPr/{W}color")
        assert color is None or color.get(f"{W}val") in ("000000", "auto")
    outline = {
        s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
        for s in styles.iter(f"{W}style")
        if s.find(f"{W}pPr/{W}outlineLvl") is not None
    }
    assert outline == {"Heading1": "0", "Heading2": "1", "Heading3": "2"}


def test_document_language_is_zh_cn(documents):
    lang = part(documents["01"], "word/styles.xml").find(
        f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"
    )
    assert lang.get(f"{W}eastAsia") == "zh-CN"


def test_page_is_a4_with_gbt_9704_margins(documents):
    sect = part(documents["01"], "word/document.xml").find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)
    mm = {
        k: round(int(margins.get(f"{W}{k}")) * 25.4 / 1440, 1)
        for k in ("top", "bottom", "left", "right")
    }
    assert mm == {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}


def test_python_docx_reads_it_back(documents):
    document = docx.Document(io.BytesIO(documents["01"]))
    sect = document.sections[0]
    assert round(sect.top_margin.mm) == 37 and round(sect.left_margin.mm) == 28
    assert len(document.tables) >= 1
    tbl = document.tables[0]
    assert tbl.autofit is False
    assert tbl.cell(2, 0).text == "决策指标"
    assert tbl.cell(7, 0)._tc is tbl.cell(2, 0)._tc  # merged down over six rows
    assert document.core_properties.title == "新录用事业人员培训及事业人员嘉奖证书"


# --- package and determinism ------------------------------------------------------------------


def test_same_card_same_bytes(cards, documents):
    for number, card in cards.items():
        assert render(card) == documents[number], number


def test_bytes_do_not_depend_on_the_stream(cards, documents):
    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.chunks = []

        def writable(self):
            return True

        def write(self, b):
            self.chunks.append(bytes(b))
            return len(b)

    import perfeval_docx

    stream = Unseekable()
    perfeval_docx.write(cards["02"], stream)
    assert b"".join(stream.chunks) == documents["02"]


def test_timestamps_are_the_end_of_the_project_and_members_fixed(documents):
    """Every member carries the document's date: seed 01 ends in 2024-12, so 2024-12-31."""
    with zipfile.ZipFile(io.BytesIO(documents["01"])) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos[:2]] == ["[Content_Types].xml", "_rels/.rels"]
        assert {i.date_time for i in infos} == {(2024, 12, 31, 0, 0, 0)}
        names = {i.filename for i in infos}
    assert "word/document.xml" in names and "word/styles.xml" in names
    assert not any("thumbnail" in n or "theme" in n or "stylesWithEffects" in n for n in names)
    # the one custom XML part is the evaluation itself, kept for perfeval import
    assert {n for n in names if "customXml" in n} == {
        "customXml/item1.xml",
        "customXml/_rels/item1.xml.rels",
        "customXml/itemProps1.xml",
    }


def test_core_properties(documents, cards):
    props = docx.Document(io.BytesIO(documents["01"])).core_properties
    assert props.title == cards["01"].evaluation.project.name
    assert props.author == "如皋市人力资源和社会保障局"
    assert props.created.isoformat() == "2024-12-31T00:00:00+00:00"
    assert props.modified == props.created
    assert props.language == "zh-CN"
    assert props.subject == "项目支出绩效自我评价"  # the form's title
    assert props.content_status == ""  # complete: not a draft


def test_source_date_epoch_sets_the_date(cards, monkeypatch):
    """SOURCE_DATE_EPOCH (reproducible builds) wins over the project's dates."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = render(cards["01"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created.isoformat() == "2023-11-14T22:13:20+00:00"
    assert render(cards["01"]) == data
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before zip time begins: kept at 1980
    with zipfile.ZipFile(io.BytesIO(render(cards["01"]))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_small(documents):
    assert max(len(d) for d in documents.values()) < 20_000


def test_styles_part_is_trimmed(documents):
    assert len(raw(documents["01"], "word/styles.xml")) < 12_000
    assert style.TEXT_WIDTH == 11906 - style.MARGIN_LEFT - style.MARGIN_RIGHT
