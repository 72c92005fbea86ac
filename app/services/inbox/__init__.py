"""What waits for a delegation: its inbox."""
