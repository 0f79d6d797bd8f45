"""`python -m triage` runs the command line."""

from triage.cli.app import main

main()
