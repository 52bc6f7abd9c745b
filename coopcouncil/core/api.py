"""What every app's API shares: the body of every error answer.

Here, below every app, so an endpoint can declare a status of its own with the same body
(``response={200: MembershipOut, 404: Problem}``) that ``config/api.py`` declares for the
statuses every endpoint shares.
"""

from ninja import Schema


class Problem(Schema):
    """The body every API error shares (published as the ``Problem`` component)."""

    detail: str
    code: str
    errors: dict[str, list[str]] = {}
