"""Writes for proactive disclosure. Every function takes a keyword-only ``acting_user``, runs in one
transaction with its audit event, and raises ``ValidationError``/``PermissionDenied``/``TransitionError``
before writing anything."""
