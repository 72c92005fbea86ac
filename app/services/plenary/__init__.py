"""Plenary mode: the paragraph the co-chairs take up for reading, and its speakers' list."""
