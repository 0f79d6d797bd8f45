"""Tools for clinics writing rules: lint warnings, scenario cases, outline, graph."""
