"""Writes to review and litigation cases: each a ``<noun>_<verb>`` function with a keyword-only
``acting_user``, validated first (Chinese ``ValidationError``, nothing written on error), one transaction
with its audit event; the only place ``AppealCase.state`` and the outcome change."""
