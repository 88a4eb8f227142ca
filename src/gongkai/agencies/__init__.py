"""Agencies: the agency tree, departments, staff roles, and the one place that decides access."""
