"""Charts as SVG (matplotlib), with Cyrillic labels and Bulgarian number format.

matplotlib (and numpy under it) is imported on the first chart drawn, not when this
module is: every web and worker process imports the pages that may draw, and most
never do (about 1.5 s and tens of MB each otherwise).
"""

import io
import itertools
import re
import threading
from contextlib import contextmanager
from functools import cache
from typing import Any

from core.formatting import bg_number

BRAND = "#0b4f8a"
PALETTE = ["#0b4f8a", "#4f8fc0", "#9cc3e4", "#e0a030", "#a21c1c", "#1c6b35"]
_lock = threading.Lock()  # pyplot keeps global state


@cache
def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    return plt


def _style(ax):
    from matplotlib.ticker import FuncFormatter

    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: bg_number(v, 1)))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


@contextmanager
def _figure(width, height, title, ylabel):
    """A figure with the portal's style; yields its axes and puts the SVG in `out`."""
    out: dict[str, str] = {}
    plt = _pyplot()
    with _lock:
        plt.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, Cyrillic intact
        fig, ax = plt.subplots(figsize=(width, height))
        yield ax, out
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        _style(ax)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight")
        plt.close(fig)
        svg = buffer.getvalue()
        out["svg"] = _unique_ids(svg[svg.index("<svg") :])


_ids = itertools.count(1)


def _unique_ids(svg):
    """Prefix the SVG's ids, so that several charts on one page do not share any."""
    prefix = f"c{next(_ids)}-"
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r'href="#', f'href="#{prefix}', svg)
    return svg.replace("url(#", f"url(#{prefix}")


def _label_bars(ax, bars, values, fontsize):
    for bar, value in zip(bars, values, strict=True):
        if value:
            ax.annotate(
                bg_number(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=fontsize,
            )


def bar_chart(labels, values, *, title="", ylabel="", width=8, height=3.2, rotate=0, annotate=True):
    with _figure(width, height, title, ylabel) as (ax, out):
        bars = ax.bar(range(len(values)), values, color=BRAND)
        ax.set_xticks(
            range(len(labels)), labels, rotation=rotate, ha="right" if rotate else "center"
        )
        if annotate:
            _label_bars(ax, bars, values, 7)
    return out["svg"]


def grouped_bar_chart(groups, series, *, title="", ylabel="", width=8, height=3.4):
    """`series`: [(name, [value per group])] drawn side by side within each group."""
    with _figure(width, height, title, ylabel) as (ax, out):
        n = max(len(series), 1)
        step = 0.8 / n
        for i, (name, values) in enumerate(series):
            positions = [g + (i - (n - 1) / 2) * step for g in range(len(groups))]
            bars = ax.bar(
                positions,
                values,
                width=step * 0.95,
                label=str(name),
                color=PALETTE[i % len(PALETTE)],
            )
            _label_bars(ax, bars, values, 6)
        ax.set_xticks(range(len(groups)), groups)
        ax.legend(frameon=False, fontsize=8)
    return out["svg"]


def line_chart(labels, values, *, title="", ylabel="", width=8, height=3):
    with _figure(width, height, title, ylabel) as (ax, out):
        ax.plot(range(len(values)), values, marker="o", color=BRAND)
        for i, value in enumerate(values):
            ax.annotate(
                bg_number(value),
                (i, value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=8,
            )
        ax.set_xticks(range(len(labels)), labels)
    return out["svg"]
