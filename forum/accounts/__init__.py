"""Accounts: registration, login, settings, password reset and public profiles."""
