"""Demo data for `seed_demo`: deterministic, so a second run changes nothing."""
