"""Accounts, sign-in sessions and the actor a request acts as."""
