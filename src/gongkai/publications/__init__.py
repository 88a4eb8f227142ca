"""Proactive disclosure (主动公开): information items, their review workflow, catalog and guide."""
