"""The public site (zh-hans): what the public sees, never internal records or personal data."""
