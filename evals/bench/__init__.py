"""Speed benchmarks behind ``labor bench``: medians and spreads over repeated runs, machine noted."""
