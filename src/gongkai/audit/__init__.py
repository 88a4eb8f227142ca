"""Append-only audit trail: who changed what, when, from where."""
