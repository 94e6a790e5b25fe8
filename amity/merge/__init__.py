"""amity.merge."""
