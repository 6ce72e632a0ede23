"""Passwords, tokens and encryption of personal data at rest."""
