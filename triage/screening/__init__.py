"""The screening layer: what every shell (the terminal, the web) needs to screen a person.

Below the shells, above output, history and deciding: load a rule set with the proof
cache (`loading`, `cache`); walk it whole through a prompter (`walking`) or one answer
at a time, each parsed as `triage assess` parses it (`stepping`); conclude it, with its
booking note and the document as printed and stored (`concluding`, `records`); save it
(`saving`); make a typed reference safe once (`references`); and say what a failure
means, as an exit status or an HTTP status (`failures`). No shell's types here.
"""
