"""The shell: the Typer commands, their shared options, the environment and the prompter.

`app.main` is the entry point; each command module wires options to the core and
prints what it returns.
"""
