"""The live room: every document's events pushed to the screens that follow it."""
