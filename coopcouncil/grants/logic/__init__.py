"""Pure rules for grants: scoring schemes, moderation, application checks, award limits,
the co-production dividend and 360Giving identifiers. No Django imports."""
