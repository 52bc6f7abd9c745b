"""coopcouncil: the co-operative council platform."""
