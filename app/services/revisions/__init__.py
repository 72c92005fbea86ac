"""Revisions: issuing them, comparing them, the disposition table and blame."""
