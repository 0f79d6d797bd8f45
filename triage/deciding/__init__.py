"""Deciding: the engine, answers, the interactive walk's steps, the proof, a loaded rule set."""
