"""The illustrative demo borough, modelled on Oldham's published figures.

``demo_load`` is idempotent: every record is found by a natural key before it is
created, so running ``coopcouncil demo`` twice changes nothing the second time.
Each domain adds its own demo records in ``coopcouncil/<domain>/demo.py`` with a
``demo_load()`` function, called here after places and people.
"""

from __future__ import annotations

import importlib

from django.db import transaction

from coopcouncil.demo.borough import demo_load_borough

DOMAINS_WITH_DEMO = ("democracy", "participation", "budgets")


def demo_load() -> str:
    """Load (or top up) the demo borough and every domain's demo records."""
    lines = []
    with transaction.atomic():
        lines.append(demo_load_borough())
    for domain in DOMAINS_WITH_DEMO:
        try:
            module = importlib.import_module(f"coopcouncil.{domain}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"coopcouncil.{domain}.demo":
                raise
            continue
        with transaction.atomic():
            lines.append(module.demo_load())
    return "\n".join(line for line in lines if line)
