"""The digest's chart as a PNG: check-ins due and held per cycle as bars, average progress as a
line. Drawn with matplotlib's object API on the Agg canvas (no global pyplot state, so threads
may draw at once)."""

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.digest import ChartSeries
from bot.messages import t

PROGRESS_SCALE = (1, 5)


def chart_png(series: ChartSeries, locale: str | None) -> bytes:
    """The chart of the series, labelled in the reader's language."""
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    bars = figure.add_subplot()
    positions = range(len(series.numbers))
    width = 0.4
    bars.bar([x - width / 2 for x in positions], series.due, width, color="#c9d3e0")
    bars.bar([x + width / 2 for x in positions], series.held, width, color="#2f6fba")
    bars.set_xticks(list(positions), [str(number) for number in series.numbers])
    bars.set_xlabel(t(locale, "digest.chart.cycle"))
    bars.set_title(t(locale, "digest.chart.title"))
    progress = bars.twinx()
    points = [(x, p) for x, p in zip(positions, series.progress, strict=True) if p is not None]
    progress.plot([x for x, _ in points], [p for _, p in points], color="#e07b00", marker="o")
    progress.set_ylim(*PROGRESS_SCALE)
    progress.set_ylabel(t(locale, "digest.chart.progress"))
    bars.legend([t(locale, "digest.chart.due"), t(locale, "digest.chart.held")], loc="upper left")
    figure.tight_layout()
    png = io.BytesIO()
    figure.savefig(png, format="png")
    return png.getvalue()
