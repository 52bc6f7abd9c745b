"""The signing lane: call-in signatures served in front of Django, committed in batches.

A call-in can draw a burst of thousands of residents in minutes. Django spends about
3.6 ms of CPU on each signing request (session, user, permission layer, ORM,
middleware), which caps two cores near 400 signatures a second; the lane answers the
same endpoint, ``POST /api/v1/democracy/decisions/{id}/call-in/signatures``, for the
common case — a signed-in, verified resident signing inside the window — in a
fraction of that, and writes every signature that arrived while the last batch was
committing in one durable transaction (group commit).

The lane only ever says yes. Any request it cannot accept outright — no or odd
session, CSRF or host it cannot vouch for, a body other than the schema's, a refusal
from the database checks, a failed batch — goes to the Django endpoint unchanged,
which refuses or records it with its own words. See docs/decisions/0002.
"""
