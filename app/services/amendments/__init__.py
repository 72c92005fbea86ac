"""Amendments: proposals, co-sponsors, the chairs' decisions and the views the API shows."""
