"""Charts drawn on the server as SVG: no script, readable on a phone (they scale to the page's width), in
the page's colours (classes styled by static/css/analytics.css). Each chart is an image with a title for
screen readers; the page always shows the same numbers in a table next to it."""

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 200
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 24, 12


def _nice_ceiling(value):
    """The axis's top: 1, 2 or 5 × a power of ten, at least `value`."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def daily_bars(title, days, values, format_day, secondary=None):
    """Vertical bars of `values` for each day, an optional second series as dots (shares), the axis's top and
    the first, middle and last days labelled."""
    top = _nice_ceiling(max([*values, *(secondary or []), 0]))
    plot_width, plot_height = WIDTH - MARGIN_LEFT - 8, HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = plot_width / max(len(values), 1)
    parts = [f'<line class="chart-axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP + plot_height}" '
             f'x2="{WIDTH - 8}" y2="{MARGIN_TOP + plot_height}"/>',
             _label(MARGIN_LEFT - 6, MARGIN_TOP + 4, top, "end"),
             _label(MARGIN_LEFT - 6, MARGIN_TOP + plot_height, 0, "end")]
    for index, value in enumerate(values):
        height = plot_height * value / top
        x = MARGIN_LEFT + index * step + step * 0.15
        parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{MARGIN_TOP + plot_height - height:.1f}" '
                     f'width="{max(step * 0.7, 1):.1f}" height="{height:.1f}"/>')
        if secondary and secondary[index]:
            y = MARGIN_TOP + plot_height - plot_height * secondary[index] / top
            parts.append(f'<circle class="chart-dot" cx="{x + step * 0.35:.1f}" cy="{y:.1f}" r="3.5"/>')
    for index in sorted({0, len(days) // 2, len(days) - 1}) if days else []:
        x = MARGIN_LEFT + index * step + step / 2
        parts.append(f'<text class="chart-label" x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="middle">'
                     f'{escape(format_day(days[index]))}</text>')
    return _svg(title, parts)


def horizontal_bars(title, rows):
    """One bar per (label, value), longest first as given, the value written at its end."""
    row_height, label_width = 28, 150
    top = _nice_ceiling(max([value for _, value in rows] + [0]))
    height = max(len(rows), 1) * row_height + 8
    parts = []
    for index, (label, value) in enumerate(rows):
        y = 4 + index * row_height
        length = (WIDTH - label_width - 60) * value / top
        parts += [f'<text class="chart-label" x="{label_width - 8}" y="{y + 17}" text-anchor="end">'
                  f'{escape(str(label)[:24])}</text>',
                  f'<rect class="chart-bar" x="{label_width}" y="{y + 4}" width="{length:.1f}" height="18"/>',
                  f'<text class="chart-value" x="{label_width + length + 6:.1f}" y="{y + 17}">{value}</text>']
    return _svg(title, parts, height)


def _label(x, y, text, anchor):
    return f'<text class="chart-label" x="{x}" y="{y}" text-anchor="{anchor}">{escape(str(text))}</text>'


def _svg(title, parts, height=HEIGHT):
    body = "".join(parts)
    # Every value written into the markup above is a number or passed through escape().
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '  # noqa: S704
                  f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
                  f'<title>{escape(title)}</title>{body}</svg>')
