"""Sending flows to test phones: the form's remembered defaults (headless)."""
