"""Writes to applications: each a ``<noun>_<verb>`` function with a keyword-only ``acting_user``,
one transaction with its audit event; the only place ``Application.state`` changes."""
