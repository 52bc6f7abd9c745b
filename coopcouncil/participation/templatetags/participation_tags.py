"""Template filters for PB pages: money in pence shown as pounds, shares as percentages."""

from fractions import Fraction

from django import template

from coopcouncil.core.money import format_pence
from coopcouncil.participation import counting_rules

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """Integer pence as '£1,234.56'; empty for None."""
    return "" if pence is None or pence == "" else format_pence(int(pence))


@register.filter
def percent(share: Fraction) -> str:
    """A share between 0 and 1 as a whole percentage: Fraction(71, 100) -> '71 %'."""
    return f"{round(float(share) * 100)} %"


@register.filter
def get_item(mapping, key):
    """mapping[key], or '' when absent (for per-project form values)."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def rule_description(process) -> str:
    """What the process's counting rule does, in plain English ('' for an unknown name)."""
    return counting_rules.describe(process.rule, process.official_rule)
