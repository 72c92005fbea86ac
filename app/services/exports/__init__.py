"""Exports: the agreed and compilation texts, the state they show, and the JSON dump."""
