"""Django shell around the pure ``gongkai.workdays`` core: the admin-editable override table."""
