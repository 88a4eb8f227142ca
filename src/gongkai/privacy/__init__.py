"""Applicants' personal data: encrypted at rest (``fields``), looked up by keyed hash (``keys``), masked for display
(``masking``). Never logged: the fields' ``repr`` and audit snapshots show the masked form only."""
