"""The deployment itself: whether the database answers, and who sits in the room."""
