"""The house style: page, fonts and sizes after GB/T 9704 (党政机关公文格式), and the 评分表's
column widths. Every measure the document uses is here, in the unit Word writes it in.

Units: twips (1/20 pt; 1 mm ≈ 56.69 twips) for lengths, half-points for font sizes.
"""

from __future__ import annotations

from typing import NamedTuple


def mm(value: float) -> int:
    """Millimetres in twips, rounded."""
    return round(value * 1440 / 25.4)


# --- page: A4, margins of GB/T 9704 (天头 37 mm, 订口 28 mm) --------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = mm(210), mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = mm(37), mm(35), mm(28), mm(26)
HEADER_DISTANCE, FOOTER_DISTANCE = mm(15), mm(24)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT


class Font(NamedTuple):
    """A run's font: the East Asian face (``w:eastAsia``), the Latin face, size in half-points,
    and a colour (hex RGB) when not black."""

    east_asia: str
    size: int
    latin: str = "Times New Roman"
    bold: bool = False
    color: str | None = None


# --- fonts: 二号 = 22 pt, 三号 = 16 pt, 五号 = 10.5 pt ----------------------------------
TITLE = Font("方正小标宋简体", 44)  # 标题: 小标宋 二号
BODY = Font("仿宋_GB2312", 32)  # 正文: 仿宋 三号
HEADING_1 = Font("黑体", 32)  # 一级标题 "一、": 黑体 三号
HEADING_2 = Font("楷体_GB2312", 32)  # 二级标题 "（一）": 楷体 三号
HEADING_3 = Font("仿宋_GB2312", 32, bold=True)  # 三级及以下 "1.": 仿宋 三号 (加粗以示层次)
TABLE = Font("宋体", 21)  # 表格: 宋体 五号
TABLE_HEAD = Font("黑体", 21)  # 表头: 黑体 五号
FOOTER = Font("宋体", 28)  # 页码: 宋体 四号
NOTE = Font("仿宋_GB2312", 24)  # 报表编号 and other small print: 仿宋 小四
DRAFT = Font("黑体", 32, bold=True, color="C00000")  # 草稿 mark: 黑体 三号, red

#: Fonts the font table names, with the names Word may find them under on Windows.
FONT_ALIASES = {
    "Times New Roman": "",
    "宋体": "SimSun",
    "黑体": "SimHei",
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
}

LINE_EXACT = 560  # narrative: fixed 28 pt lines (22 lines on the 225 mm type area)
LINE_TABLE = 280  # table cells: fixed 14 pt lines for 10.5 pt text, the same whatever
# the font (SimSun, 仿宋, Noto CJK): rows do not grow with its leading
INDENT_CHARS = 200  # first-line indent of two characters (hundredths of a character)
INDENT_BODY = 2 * 320  # the same in twips, for readers that ignore character units
CELL_MARGIN = 57  # left/right cell padding, 1 mm
CELL_MARGIN_TOP = 30  # top cell padding, 1.5 pt: the fixed line has its room below the glyphs
BORDER = 4  # border width in eighths of a point: ½ pt

# --- landscape pages: the same margins turned with the page (订口 at the top) ---------------------
LANDSCAPE_MARGINS = (mm(28), mm(26), mm(37), mm(35))  # top, bottom, left, right
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - mm(37) - mm(35)

# --- tables: column widths by what a column holds, in characters of 五号 (10.5 pt = 210 twips) --
CHAR = 210  # the width of a CJK character of the table font, in twips
#: (fewest, most) characters a column of each kind is given for its body text on one line; a
#: column is never narrower than its heading on one line. Names and free text take what is
#: left of the page, names twice as much as text.
KIND_CHARS = {
    "side": (2.0, 3.0),
    "label": (2.0, 4.0),
    "name": (8.0, 40.0),
    "value": (3.0, 6.0),
    "short": (1.5, 3.0),
    "number": (2.0, 4.0),
    "text": (4.0, 30.0),
}
FLEXIBLE = {"name": 2, "text": 1}
#: The narrowest each kind of column becomes when a table is too wide for the page.
KIND_FLOOR = {
    "side": 1.5,
    "label": 2.0,
    "name": 4.0,
    "value": 2.5,
    "short": 1.0,
    "number": 1.5,
    "text": 2.5,
}
#: A heading longer than this many characters may wrap (偏差原因分析及改进措施).
HEAD_CHARS = 5.0
#: The height of one line of table text (LINE_TABLE) and of a row's padding and border.
ROW_PADDING = CELL_MARGIN_TOP + 10
#: Share of a page the pagination fills: what LibreOffice and Word set may run a little taller.
PAGE_FILL = 0.97
