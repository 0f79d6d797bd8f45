"""The web shell: the same proven rule set as an accessible questionnaire (`triage serve`).

It sits beside the terminal shell and imports neither it nor Typer; both use the
screening layer (`triage.screening`) and read the same result document.
"""
