"""amity.web."""
