"""Debate: positions on a motion and replies found convincing."""
