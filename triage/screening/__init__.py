"""The screening layer: what every shell (the terminal, the web) needs to screen a person.

Below the shells, above output, history and deciding: load a verified rule set with
the proof cache (`loading`, `cache`) and step through a walk one answer at a time
(`stepping`), each answer parsed as `triage assess` parses it. No shell's types here.
"""
