"""Co-production's pure rules: hours and credits, safeguarding, ACV dates, commitments."""
