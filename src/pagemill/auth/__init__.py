"""API keys and the principal every request acts as."""
