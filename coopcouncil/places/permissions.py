"""Who may change places (``places.*``), registered by ``PlacesConfig.ready``.

Roles belong to people, which sits above places, so these rules ask core's staff check,
which people fills at start-up (``core.permissions.is_staff``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from coopcouncil.core.permissions import ALLOW, Decision, deny, is_staff, rule


@rule("places.edit_figures")
def _places_edit_figures(user: Any, target: Any) -> Decision:
    """The published ward figures feed every allocation formula, so finance keeps them."""
    if is_staff(user, "finance"):
        return ALLOW
    return deny(gettext("Only finance officers and administrators may change ward figures."))


@rule("places.load_addresses")
def _places_load_addresses(user: Any, target: Any) -> Decision:
    """The postcode directory and gazetteer decide every resident's ward, so democratic
    services (who also load the register) load them."""
    if is_staff(user, "clerk"):
        return ALLOW
    return deny(
        gettext("Only democratic services may load the postcode directory and address list.")
    )
