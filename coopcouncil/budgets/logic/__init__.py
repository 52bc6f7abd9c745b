"""Pure rules for devolved money: formulas, scenarios, ward budgets, autonomy, monitoring.

Plain Python only (an import-linter contract forbids Django here). Money is integer pence,
ratios are exact (``fractions.Fraction`` or integer arithmetic), never float.
"""
