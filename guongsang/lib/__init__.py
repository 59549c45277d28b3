"""Plain helpers that are not a domain of their own."""
