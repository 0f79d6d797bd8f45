"""`python -m triage` runs the command line."""

from triage.cli import main

main()
