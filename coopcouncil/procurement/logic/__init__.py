"""Procurement's pure rules: tender terms, bid checks, scoring, Living Wage rates, delivery.

Plain Python only (no Django): frozen dataclasses in, result dataclasses out, ``now`` passed in.
"""
