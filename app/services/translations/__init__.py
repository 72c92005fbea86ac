"""The negotiated text in every language of its document: the negotiating language and its
translations per paragraph version (entered, imported, stale or current), and concordance."""
