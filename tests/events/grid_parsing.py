"""Read a rendered calendar table back as rows of cells (text and classes), for assertions."""

import re
from html.parser import HTMLParser


class _TableParser(HTMLParser):
    def __init__(self, table_class):
        super().__init__()
        self.table_class = table_class
        self.depth = 0  # > 0 while inside the wanted table
        self.in_tbody = False
        self.rows = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self.table_class in (attrs.get("class") or "").split():
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody:
            self.rows.append([])
        elif tag in ("td", "th") and self.in_tbody:
            self.cell = {"tag": tag, "classes": (attrs.get("class") or "").split(), "text": ""}
            self.cell["current"] = attrs.get("aria-current")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.cell["text"] = re.sub(r"\s+", " ", self.cell["text"]).strip()
            self.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "tbody":
            self.in_tbody = False
        elif tag == "table":
            self.depth = 0

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def table_rows(html, table_class="calendar-grid"):
    """[[{"tag", "classes", "text", "current"}, ...], ...] for the body rows of the table."""
    parser = _TableParser(table_class)
    parser.feed(html)
    return parser.rows


def day_cells(html, table_class="calendar-grid"):
    """Only the <td> day cells, row by row."""
    return [[c for c in row if c["tag"] == "td"] for row in table_rows(html, table_class)]
