"""The statistics as a PDF: definitions, then one bar chart (reportlab) and table per dimension."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from interview_app.documents import statistics
from interview_app.documents.answer_rows import footer_labels, interface_direction
from interview_app.documents.exporting import ExportResult, export_document
from interview_app.documents.model import (
    Block,
    Document,
    Figure,
    Heading,
    KeyValueTable,
    PageBreak,
    Paragraph,
    Style,
    Table,
    Text,
    new_document_id,
)
from interview_app.i18n import _, interface_language
from interview_app.script_shelf import ScriptShelf
from interview_app.storage.repository import Repository

__all__ = ["chart", "chart_svg", "export_statistics_pdf", "statistics_document"]

CHART_MM = (174.0, 50.0)
# Grey steps, distinguishable when printed in black and white; one per year.
_FILLS = ("#4d4d4d", "#9a9a9a", "#cfcfcf", "#262626", "#b3b3b3", "#6e6e6e")


def chart_svg(drawing: Drawing) -> bytes:
    """SVG that QtSvg draws as reportlab meant: the drawing's clip as a property, since QtSvg
    paints a ``<clipPath>`` rectangle as a black box over the whole chart."""
    data = renderSVG.drawToString(drawing, useClip=True)
    return data.encode() if isinstance(data, str) else bytes(data)


def _titles() -> dict[str, str]:
    return {
        "exploitation": _("Form of exploitation"),
        "sex": _("Sex"),
        "age_band": _("Age band"),
        "region_of_origin": _("Region of origin"),
    }


def _category_labels(shelf: ScriptShelf) -> dict[str, str]:
    """Option labels of the exploitation question (script language); codes elsewhere."""
    labels: dict[str, str] = {}
    for code in statistics.exploitation_codes(shelf):
        for form in shelf.forms:
            for item in form.all_items():
                option = item.option(code) if item.options else None
                if option is not None and code not in labels:
                    labels[code] = option.label
    return labels


def chart(
    cells: Sequence[statistics.Published], dimension: str, years: Sequence[int],
    labels: dict[str, str],
) -> Drawing:
    """Bars per category, one series per year; a hidden cell draws no bar, labelled "<5"."""
    categories = list(dict.fromkeys(c.category for c in cells if c.dimension == dimension))
    value = {(c.category, c.year): c for c in cells if c.dimension == dimension}
    width, height = CHART_MM[0] * mm, CHART_MM[1] * mm
    drawing = Drawing(width, height)
    bars = VerticalBarChart()
    bars.x, bars.y = 12 * mm, 17 * mm
    bars.width, bars.height = width - 16 * mm, height - 23 * mm
    bars.data = [[value[c, y].count_for_chart for c in categories] for y in years] or [[0]]
    bars.barLabelArray = [
        ["" if not value[c, y].value.startswith("<") else value[c, y].value
         for c in categories] for y in years
    ] or [[""]]
    bars.barLabelFormat = "values"
    bars.barLabels.fontSize = 6
    bars.barLabels.nudge = 4
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labels.fontSize = 6
    bars.categoryAxis.categoryNames = [labels.get(c, c)[:28] for c in categories]
    bars.categoryAxis.labels.angle = 35
    bars.categoryAxis.labels.boxAnchor = "ne"
    bars.categoryAxis.labels.fontSize = 5.5
    for index in range(len(years)):
        bars.bars[index].fillColor = colors.HexColor(_FILLS[index % len(_FILLS)])
        bars.bars[index].strokeColor = colors.black
        bars.bars[index].strokeWidth = 0.3
    drawing.add(bars)
    if len(years) > 1:
        legend = Legend()
        legend.x, legend.y = width - 30 * mm, height - 2 * mm
        legend.fontSize = 6
        legend.colorNamePairs = [(colors.HexColor(_FILLS[i % len(_FILLS)]), str(y))
                                 for i, y in enumerate(years)]
        drawing.add(legend)
    elif years:
        drawing.add(String(width - 4 * mm, height - 5 * mm, str(years[0]), fontSize=7,
                           textAnchor="end"))
    return drawing


def statistics_document(
    counts: statistics.Counts,
    shelf: ScriptShelf,
    *,
    created: dt.datetime,
    threshold: int = statistics.THRESHOLD,
    training: bool = False,
) -> Document:
    d = interface_direction()
    cells = statistics.publish(counts, threshold)
    labels = _category_labels(shelf)
    blocks: list[Block] = [Heading(_("Statistics (anonymised)"), 1, d)]
    if training:
        blocks.append(Paragraph(_("TRAINING: counts of fictional cases."), d, Style.NOTICE))
    blocks.append(Paragraph(_("Counts of cases, never records: no names, dates of birth, "
                              "places, free text or case codes."), d))
    blocks.append(KeyValueTable(tuple(
        (Text(label, d), Text(text, d))
        for label, text in statistics.definitions(counts, threshold, created.date())), d))
    totals = [c for c in cells if c.dimension == "cases"]
    blocks.append(Table((Text(_("Cases"), d), *(Text(str(y), d) for y in counts.years)),
                        _grid(totals, counts.years, {}), _widths(counts.years), direction=d))
    blocks += [PageBreak(), Heading(_("Charts"), 2, d)]
    for dimension, title in _titles().items():
        chosen = [c for c in cells if c.dimension == dimension]
        blocks += [Paragraph(title, d, Style.LABEL),
                   Figure(chart_svg(chart(chosen, dimension, counts.years, labels)), *CHART_MM)]
    blocks.append(PageBreak())
    for dimension, title in _titles().items():
        chosen = [c for c in cells if c.dimension == dimension]
        blocks.append(Table((Text(title, d), *(Text(str(y), d) for y in counts.years)),
                            _grid(chosen, counts.years, labels), _widths(counts.years),
                            direction=d))
    return Document(new_document_id("SX"), "statistics", _("Statistics"), interface_language(),
                    tuple(blocks), d, footer_labels())


def _widths(years: Sequence[int]) -> tuple[int, ...]:
    """The same columns in every table, so the years line up from one table to the next."""
    return (50, *([50 // max(1, len(years))] * len(years)))


def _grid(
    cells: Sequence[statistics.Published], years: Sequence[int], labels: dict[str, str]
) -> tuple[tuple[Text, ...], ...]:
    categories = list(dict.fromkeys(c.category for c in cells))
    value = {(c.category, c.year): c.value for c in cells}
    return tuple((Text(labels.get(c, c)), *(Text(value[c, y]) for y in years))
                 for c in categories)


def export_statistics_pdf(
    repository: Repository,
    shelf: ScriptShelf,
    path: Path,
    *,
    now: dt.datetime,
    years: Sequence[int] | None = None,
    training: bool = False,
    password: str | None = None,
    overwrite: bool = False,
) -> ExportResult:
    counts = statistics.count_cases(repository, shelf, years=years)
    document = statistics_document(counts, shelf, created=now, training=training)
    return export_document(repository, document, path, password=password, overwrite=overwrite)
