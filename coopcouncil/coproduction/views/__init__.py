"""Co-production's pages, one module per part; each view parses, calls one service or
selector, and renders."""
