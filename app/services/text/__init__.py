"""The negotiated text: documents, sections, paragraphs and their versions."""
