"""The terminal a person types in: the prompter, single keys, line editing, pages of a
long list, the streams' encodings and the clipboard."""
