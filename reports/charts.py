"""Charts as SVG (matplotlib), with Cyrillic labels and Bulgarian number format.

matplotlib (and numpy under it) is imported on the first chart drawn, not when this
module is: every web and worker process imports the pages that may draw, and most
never do (about 1.5 s and tens of MB each otherwise).
"""

import io
import itertools
import re
import textwrap
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


def _style(ax, percent=False):
    from matplotlib.ticker import FuncFormatter

    ax.spines[["top", "right"]].set_visible(False)
    suffix = "%" if percent else ""
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: bg_number(v, 1) + suffix))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


@contextmanager
def _figure(width, height, title, ylabel, fmt="svg", percent=False):
    """A figure with the portal's style; yields its axes and puts the SVG (or, with
    fmt="png", the PNG bytes, for documents that cannot embed SVG) in `out`."""
    out: dict[str, Any] = {}
    plt = _pyplot()
    with _lock:
        plt.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, Cyrillic intact
        fig, ax = plt.subplots(figsize=(width, height))
        yield ax, out
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        _style(ax, percent)
        if fmt == "png":
            binary = io.BytesIO()
            fig.savefig(binary, format="png", bbox_inches="tight", dpi=150)
            plt.close(fig)
            out["svg"] = binary.getvalue()
            return
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


def fixed_label(value):
    """Two decimals, decimal comma: the labels of the analysis' charts."""
    return f"{float(value):.2f}".replace(".", ",")


def percent_label(value):
    return fixed_label(value) + "%"


def wrap(label, width=24):
    """A long label (an area's title) on several lines."""
    return textwrap.fill(str(label), width)


def _label_bars(ax, bars, values, fontsize, label=bg_number):
    for bar, value in zip(bars, values, strict=True):
        if value:
            ax.annotate(
                label(value),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontsize=fontsize,
            )


def _y_axis_for(ax, values):
    """Counts get whole-number ticks; all-zero data an axis from 0 to 1 (matplotlib
    would centre it on 0, from -0.05 to 0.05, and label it "0, 0, 0, -0, -0")."""
    from matplotlib.ticker import MaxNLocator

    if all(isinstance(v, int) for v in values):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if not any(values):
        ax.set_ylim(0, 1)
        ax.set_yticks([0, 1])


def bar_chart(
    labels,
    values,
    *,
    title="",
    ylabel="",
    width=8,
    height=3.2,
    rotate=0,
    annotate=True,
    fmt="svg",
    label=bg_number,
    percent=False,
):
    """`percent`: values are percentages (axis 0–100 with „%“); `label` writes the
    value over each bar; `fmt="png"` gives PNG bytes instead of SVG text."""
    with _figure(width, height, title, ylabel, fmt, percent) as (ax, out):
        bars = ax.bar(range(len(values)), values, color=BRAND)
        ax.set_xticks(
            range(len(labels)), labels, rotation=rotate, ha="right" if rotate else "center"
        )
        if percent:
            ax.set_ylim(0, 105)
        else:
            _y_axis_for(ax, values)
        if annotate:
            _label_bars(ax, bars, values, 7, label)
    return out["svg"]


def grouped_bar_chart(
    groups,
    series,
    *,
    title="",
    ylabel="",
    width=8,
    height=3.4,
    fmt="svg",
    label=bg_number,
    percent=False,
):
    """`series`: [(name, [value per group])] drawn side by side within each group."""
    with _figure(width, height, title, ylabel, fmt, percent) as (ax, out):
        if percent:
            ax.set_ylim(0, 105)
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
            _label_bars(ax, bars, values, 6, label)
        ax.set_xticks(range(len(groups)), groups, fontsize=8)
        # Above the plot, so that it never covers a bar.
        ax.legend(frameon=False, fontsize=8, loc="lower right", bbox_to_anchor=(1, 1), ncol=n)
    return out["svg"]


def line_chart(
    labels,
    values,
    *,
    title="",
    ylabel="",
    width=8,
    height=3,
    fmt="svg",
    label=bg_number,
    ymax=None,
):
    """The value axis starts at 0 (and ends at `ymax` when given)."""
    with _figure(width, height, title, ylabel, fmt) as (ax, out):
        ax.plot(range(len(values)), values, marker="o", color=BRAND)
        ax.set_ylim(0, ymax if ymax is not None else max([*values, 0]) * 1.15 or 1)
        for i, value in enumerate(values):
            ax.annotate(
                label(value),
                (i, value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=8,
            )
        ax.set_xticks(range(len(labels)), labels)
    return out["svg"]
