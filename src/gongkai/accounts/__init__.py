"""Staff user accounts (the public never needs an account)."""
