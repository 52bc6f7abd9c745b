"""Pure rules for places: derived area figures and ward-figure files. No Django here."""
