"""The examples each help page ends with: a command line, and what it does.

Keyed by command path; the descriptions are marked for the catalog (`N_`) and
translated when the page is shown; command lines are printed as they are typed.
"""

from __future__ import annotations

from triage.i18n import N_

# Two or three examples per command, by command path: a command line, and what it does.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "triage": (
        ("triage", N_("The questions one at a time, then the recommendation.")),
        ("triage --lang fr --format json > result.json", N_("In French; the result as JSON.")),
        ("printf '0\\n3\\n0\\n0\\nn\\n\\n' | triage", N_("Answers piped in, one per line.")),
    ),
    "triage call": (
        ("triage call", N_("Screen a phone enquiry; the call is saved in the history.")),
        (
            "triage call --caller-ref B-1042 --by Anna",
            N_("The same, with the booking number and who screened on the note."),
        ),
        ("triage call --lang fr --no-save --copy", N_("In French, not saved; the note copied.")),
    ),
    "triage assess": (
        (
            "triage assess -a emergency_signs=none -a age=65 -a cautions=none"
            " -a red_flags=night_pain",
            N_("Answers on the command line (here: see a doctor first)."),
        ),
        ("triage assess --answers answers.yaml --format json", N_("Answers from a file.")),
        ("triage assess --answers - < result.json", N_("A saved JSON result, run again.")),
    ),
    "triage serve": (
        ("triage serve", N_("The questionnaire on http://127.0.0.1:8000/, for this computer.")),
        (
            "triage serve --public-url https://triage.example.org/ --site site.yaml --workers 2",
            N_("Behind a proxy with TLS, with the clinic's name and booking links."),
        ),
        ("triage serve --kiosk --site site.yaml", N_("On a waiting room's tablet.")),
    ),
    "triage rules": (
        ("triage rules check my-clinic.yaml", N_("Every problem, with file:line:column.")),
        ("triage rules verify my-clinic.yaml", N_("Prove the safety properties.")),
        ("triage rules show", N_("The questions of the rule set shipped with the tool.")),
    ),
    "triage rules check": (
        ("triage rules check my-clinic.yaml", N_("Every problem, with file:line:column.")),
        ("triage rules check my-clinic.yaml --strict", N_("Warnings count as problems (CI).")),
        ("triage rules check my-clinic.yaml --format json", N_("The problems, for an editor.")),
    ),
    "triage rules verify": (
        ("triage rules verify my-clinic.yaml", N_("Prove the safety properties.")),
        ("triage rules verify", N_("The same, for the rule set shipped with the tool.")),
    ),
    "triage rules test": (
        ("triage rules test my-clinic.yaml", N_("Run my-clinic.cases.yaml.")),
        ("triage rules test rules/", N_("Run every *.cases.yaml of a folder.")),
    ),
    "triage rules show": (
        ("triage rules show my-clinic.yaml", N_("The questions in order, as a tree.")),
        ("triage rules show --format json > rules.json", N_("The whole rule set as JSON.")),
    ),
    "triage rules graph": (
        ("triage rules graph my-clinic.yaml > flow.mmd", N_("The flow as a Mermaid diagram.")),
        (
            "triage rules graph my-clinic.yaml --format dot | dot -Tsvg > flow.svg",
            N_("The flow as a picture, with Graphviz."),
        ),
    ),
    "triage rules schema": (
        ("triage rules schema > rules.schema.json", N_("The schema of a rule-set file.")),
        ("triage rules schema --result", N_("The schema of a JSON result.")),
    ),
    "triage history": (
        ("triage history list --since 2026-11-01", N_("The screenings since a day.")),
        ("triage history show 42", N_("One screening and its note.")),
        ("triage history purge --before 2026-01-01", N_("Delete the older ones (asks first).")),
    ),
    "triage history list": (
        ("triage history list", N_("Every saved screening, newest first.")),
        ("triage history list --outcome see_doctor --limit 10", N_("The last ten referrals.")),
        ("triage history list --new", N_("Sent from the web, waiting for a call back.")),
    ),
    "triage history show": (
        ("triage history show 42", N_("Screening 42 and its booking note.")),
        ("triage history show 42 --db clinic.sqlite3", N_("From another history file.")),
    ),
    "triage history export": (
        (
            "triage history export --format csv --output screenings.csv",
            N_("Every screening, for a spreadsheet."),
        ),
        ("triage history export --format json --since 2026-11-01", N_("Every field, as JSON.")),
    ),
    "triage history purge": (
        ("triage history purge --before 2026-01-01", N_("Asks before deleting.")),
        ("triage history purge --before 2026-01-01 --yes", N_("Without asking (a script).")),
        ("triage history purge --id 42", N_("Erase one person's screening, on request.")),
    ),
    "triage history done": (
        ("triage history list --new", N_("The screenings sent from the web, waiting.")),
        ("triage history done 42 --by Claire", N_("Screening 42 was called back.")),
    ),
    "triage history copy": (
        (
            "triage history copy --to postgresql://desk@db.clinic.lan/triage",
            N_("This desk's screenings into the clinic's shared database."),
        ),
        (
            "triage history copy --to backup.sqlite3",
            N_("Into another file; run again: none twice."),
        ),
    ),
}
