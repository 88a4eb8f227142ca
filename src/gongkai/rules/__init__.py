"""The law as data: codes, labels and article references used across the platform. Pure Python."""
