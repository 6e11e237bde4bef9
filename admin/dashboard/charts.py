"""Charts as inline SVG, drawn on the server: no script, no CDN, readable on a phone."""
from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#1f5fa8", "#f0a202", "#b42318", "#1e7b46", "#7b61ff", "#616e7c", "#0e9aa7")


def _nice_max(value: float) -> float:
    """A round axis maximum at or above value (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def stacked_bars(columns: list[tuple[str, dict[str, float]]], series: list[tuple[str, str]],
                 title: str, height: int = 220) -> Markup:
    """Vertical bars, one per column, stacked by series (key, label); with a legend."""
    width, left, bottom, top = 640, 36, 28, 10
    plot_h = height - bottom - top
    top_value = _nice_max(max((sum(v.values()) for _, v in columns), default=0))
    slot = (width - left - 8) / max(len(columns), 1)
    bar = max(4.0, slot * 0.65)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="11"><title>{escape(title)}</title>']
    for i in range(5):
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9e2ec"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#616e7c">'
                     f'{value:g}</text>')
    every = max(1, len(columns) // 8)  # keep axis labels from overlapping
    for index, (label, values) in enumerate(columns):
        x = left + 4 + index * slot + (slot - bar) / 2
        y = top + plot_h
        for n, (key, name) in enumerate(series):
            h = plot_h * values.get(key, 0) / top_value
            if h > 0:
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                             f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(label)} '
                             f'{escape(name)}：{values.get(key, 0):g}</title></rect>')
        if index % every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 10}" text-anchor="middle" '
                         f'fill="#616e7c">{escape(label)}</text>')
    if not any(sum(v.values()) for _, v in columns):
        parts.append(f'<text x="{width / 2}" y="{top + plot_h / 2}" text-anchor="middle" '
                     f'font-size="14" fill="#616e7c">暂无数据</text>')
    parts.append("</svg>")
    return Markup("".join(parts)) + legend(series)


def legend(series: list[tuple[str, str]]) -> Markup:
    """Colour keys for a chart's series."""
    # SVG swatches: the admin's Content-Security-Policy forbids inline style attributes.
    items = "".join(f'<li><svg width="12" height="12" aria-hidden="true"><rect width="12" '
                    f'height="12" rx="2" fill="{PALETTE[n % len(PALETTE)]}"/></svg>{escape(name)}</li>'
                    for n, (_, name) in enumerate(series))
    return Markup(f'<ul class="legend">{items}</ul>')


def horizontal_bars(rows: list[tuple[str, float]], title: str, unit: str = "",
                    top: float | None = None) -> Markup:
    """One labelled horizontal bar per row, value written at its end; `top` fixes the scale."""
    width, label_w, row_h = 640, 170, 26
    height = max(row_h * len(rows), row_h) + 6
    top_value = top or _nice_max(max((v for _, v in rows), default=0))
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="12"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = 3 + i * row_h
        w = (width - label_w - 70) * value / top_value
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
                     f'rx="3" fill="{PALETTE[0]}"/>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" fill="#1f2933">'
                     f'{value:g}{escape(unit)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
