"""Models of the following area."""
