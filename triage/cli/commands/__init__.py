"""The commands: one module each, wiring options to the screening layer and printing
what it returns (pip-tools' thin command modules)."""
