"""Pure rules for people: residency references and one-time codes. No Django here."""
