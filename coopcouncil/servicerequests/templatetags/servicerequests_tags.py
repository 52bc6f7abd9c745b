"""What the account page shows of a person's reports and reference-group places."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from coopcouncil.servicerequests import selectors
from coopcouncil.servicerequests.logic.demand import ChartBar

register = template.Library()


@register.simple_tag
def service_requests_of(user) -> dict:
    return {
        "requests": selectors.user_requests(user, limit=10),
        "offers": selectors.reference_group_offers(user),
        "groups": selectors.reference_group_memberships(user),
    }


BAR_WIDTH = 30
LABEL_SPACE = 20


@register.simple_tag
def bar_chart_svg(bars: list[ChartBar], *, height: int, width: int, title: str) -> SafeString:
    """A bar chart as inline SVG (no script), each bar titled with its label and count.

    Built here rather than in a template loop: a dashboard draws a dozen bars per service,
    and a template resolving each bar's five values costs more than the page's queries.
    """
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}">{}</text>',
        (
            (b.x, b.top, BAR_WIDTH, b.height, b.label, b.value, b.x, height + 14, b.label)
            for b in bars
        ),
    )
    # Screen readers read the whole series from the label, as the eye reads the bars.
    label = f"{title}: " + ", ".join(f"{b.label} {b.value}" for b in bars)
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>',
        width,
        height + LABEL_SPACE,
        label,
        rects,
    )
