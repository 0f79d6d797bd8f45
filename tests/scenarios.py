"""Answer scenarios of the default rule set shared by the tests: the command-line
options of a background and a relaxation, and the lines a person types for a
relaxation or a doctor first. One place to follow a new version of the rule set."""

from __future__ import annotations

# No emergency sign, 18 to 49, no caution: asked before the red flags.
BACKGROUND_ARGS = ["-a", "emergency_signs=none", "-a", "age=18_to_49", "-a", "cautions=none"]
# ... then no red flag and no discomfort: a relaxation massage.
RELAXATION_ARGS = [*BACKGROUND_ARGS, "-a", "red_flags=none", "-a", "discomfort=no"]

# What a person types: no emergency sign, 18 to 49, no caution, no red flag, no
# discomfort, nothing to note for the therapist.
PIPED_RELAXATION = "0\n3\n0\n0\nn\n\n"
# ... the same background, then a recent fall: a doctor first (the walk ends there).
PIPED_SEE_DOCTOR = "0\n3\n0\n2\n"
