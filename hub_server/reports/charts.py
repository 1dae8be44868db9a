"""Horizontal bar charts as SVG text, drawn on the server.

Bars are enough for a monthly report: one bar per programme, guarantee, category or area, or two
side by side (received and settled). The SVG is inline in the HTML, so the page, the saved page and
the PDF show the same picture with no script and no network. Labels are escaped; values are drawn
beside their bars in the reader's number format.
"""

from dataclasses import dataclass
from html import escape

COLOURS = ("#0b6e4f", "#d08c00")
ROW, BAR, LABEL_WIDTH, VALUE_WIDTH = 22, 14, 210, 90


@dataclass(frozen=True)
class Chart:
    title: str
    items: list  # [(label, value)] or [(label, value, value)] with `legend`
    value_text: object  # value -> text
    legend: tuple = ()
    maximum: float | None = None  # the scale's end (100 for shares); the largest value otherwise


def _short(label: str, limit: int = 32) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def svg(chart: Chart, width: int = 640) -> str:
    """The chart as an <svg> element; an empty chart says so instead of drawing nothing."""
    series = max((len(item) - 1 for item in chart.items), default=1)
    top = 22 + (16 if chart.legend else 0)
    height = top + max(len(chart.items), 1) * (ROW + (series - 1) * BAR) + 6
    span = width - LABEL_WIDTH - VALUE_WIDTH
    largest = chart.maximum or max((value or 0 for item in chart.items for value in item[1:]), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" aria-label="{escape(chart.title)}" font-family="sans-serif" '
             f'font-size="11">', f'<text x="0" y="13" font-size="12" font-weight="bold">{escape(chart.title)}</text>']
    parts += _legend(chart.legend)
    y = top
    for label, *values in chart.items:
        parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 11}" text-anchor="end">{escape(_short(str(label)))}'
                     f'<title>{escape(str(label))}</title></text>')
        for index, value in enumerate(values):
            length = max(0.0, (value or 0) / largest * span)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" '
                         f'fill="{COLOURS[index % len(COLOURS)]}"/>')
            value_text = escape(chart.value_text(value))
            parts.append(f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 11}">{value_text}</text>')
            y += BAR
        y += ROW - BAR
    if not chart.items:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{top + 11}">—</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(legend: tuple) -> list:
    parts, x = [], 0
    for index, name in enumerate(legend):
        parts.append(f'<rect x="{x}" y="22" width="10" height="10" fill="{COLOURS[index % len(COLOURS)]}"/>'
                     f'<text x="{x + 14}" y="31">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return parts
