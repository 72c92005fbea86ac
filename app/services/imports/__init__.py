"""Word in: draft amendments from a delegation's edited Consenso DOCX (`word.py`)."""
