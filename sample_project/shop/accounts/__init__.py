"""Customer sign-in accounts."""
