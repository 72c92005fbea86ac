"""The record: the append-only, hash-chained event log."""
