"""Use cases: load rows, call the pure core in app.drafting, write results. No FastAPI here."""
