"""Tests of the privacy area."""
