"""The result document and everything that lays it out: JSON, text, Markdown, notes."""
