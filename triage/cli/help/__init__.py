"""Click's side: the command group, help pages in the chosen language, examples,
completion and Click's errors as one clear line."""
