"""Writes of annual reports: generation from the records, hand edits, statistics, the review workflow,
publication, and the daily deadline jobs. Each service checks permission, validates, writes its audit
event in the same transaction, and mails only after commit."""
