"""Outgoing mail: sent by a background task after the transaction that caused it commits."""
