"""Letters and notices to applicants and consulted parties: kinds, built-in templates, context, layout."""
