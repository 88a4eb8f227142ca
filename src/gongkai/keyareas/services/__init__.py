"""Writes of key-area disclosure plans: plans (install the default, entries), tasks (generate, complete on
publication, by hand, undo) and deadlines (daily jobs: reminders and lateness, each recorded once)."""
