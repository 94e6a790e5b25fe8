"""amity.query."""
