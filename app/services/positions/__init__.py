"""Delegations' positions, silence procedures and freezing."""
