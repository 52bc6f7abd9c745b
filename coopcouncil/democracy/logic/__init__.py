"""Pure rules of local democracy: deadlines, windows, eligibility. No Django here."""
