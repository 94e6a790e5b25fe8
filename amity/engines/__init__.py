"""amity.engines."""
