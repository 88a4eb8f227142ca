"""Scheduled work: the daily jobs that record deadline breaches and other time-driven changes."""
