"""The flow from questions to outcomes as a Mermaid or Graphviz diagram.

Questions follow each other in order (a dashed edge when the next one is conditional);
each decision is an edge from the last question it reads to its outcome, labelled with
its condition. Red flags, emergencies and walk-ending outcomes stand out in red.
"""

from __future__ import annotations

from triage.deciding.engine import reads
from triage.rulesets.conditions import describe
from triage.rulesets.model import All, AnyOf, Compare, Condition, RuleSet


def _edges(rules: RuleSet) -> tuple[list[tuple[str, str, str, bool]], set[str]]:
    """(from, to, label, dashed) edges and the ids of nodes to show as alarms."""
    edges: list[tuple[str, str, str, bool]] = [("start", f"q_{rules.questions[0].id}", "", False)]
    for before, after in zip(rules.questions, rules.questions[1:], strict=False):
        label = f"if {describe(after.when)}" if after.when else ""
        edges.append((f"q_{before.id}", f"q_{after.id}", label, bool(after.when)))
    edges += _skips(rules)
    position = {q.id: i for i, q in enumerate(rules.questions)}
    seen = set()
    for decision in rules.decisions:
        read = [q for q in reads(rules, decision.when) if q in position]
        source = f"q_{max(read, key=position.__getitem__)}" if read else "start"
        edge = (source, f"o_{decision.outcome}", describe(decision.when), False)
        if edge not in seen:
            seen.add(edge)
            edges.append(edge)
    alarms = {f"q_{flag.question}" for flag in rules.red_flags()}
    alarms |= {f"o_{o.id}" for o in rules.outcomes if o.ends_walk}
    return edges, alarms


def _skips(rules: RuleSet) -> list[tuple[str, str, str, bool]]:
    """Where the walk goes when a run of questions sharing one condition is not shown.

    A question whose condition cannot hold once the run is skipped (a follow-up of one
    of its questions, such as "where else?" after the areas) is skipped with it.
    """
    questions = rules.questions
    skips = []
    covered: set[int] = set()  # later questions of a run already drawn
    for i in range(1, len(questions)):
        when = questions[i].when
        if when is None or i in covered:
            continue
        skipped = {questions[i].id}
        j = i + 1
        while j < len(questions) and (
            questions[j].when == when or _false_without(questions[j].when, skipped)
        ):
            if questions[j].when == when:
                covered.add(j)
            skipped.add(questions[j].id)
            j += 1
        target = f"q_{questions[j].id}" if j < len(questions) else "result"  # the decisions
        skips.append((f"q_{questions[i - 1].id}", target, f"if not ({describe(when)})", True))
    return skips


def _false_without(when: Condition | None, skipped: set[str]) -> bool:
    """Whether a condition is false whenever these questions are unanswered."""
    if isinstance(when, Compare):
        return when.subject in skipped and when.answered is not False
    if isinstance(when, All):
        return any(_false_without(c, skipped) for c in when.all)
    if isinstance(when, AnyOf):
        return all(_false_without(c, skipped) for c in when.any)
    return False  # no condition, or `not`: it may well hold


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def to_mermaid(rules: RuleSet) -> str:
    edges, alarms = _edges(rules)
    lines = ["flowchart TD", "  start([start])"]
    for q in rules.questions:
        lines.append(f'  q_{q.id}["{q.id}<br/>{q.type}"]')
    for o in sorted(rules.outcomes, key=lambda o: -o.severity):
        lines.append(f'  o_{o.id}(["{o.id}"])')
    if any(target == "result" for _s, target, _l, _d in edges):
        lines.append("  result([result])")
    for source, target, label, dashed in edges:
        arrow = "-.->" if dashed else "-->"
        text = _short(label).replace('"', "'")
        lines.append(
            f'  {source} {arrow}|"{text}"| {target}' if text else f"  {source} {arrow} {target}"
        )
    lines.append("  classDef alarm fill:#fdd,stroke:#c00,stroke-width:2px,color:#600")
    if alarms:
        lines.append(f"  class {','.join(sorted(alarms))} alarm")
    return "\n".join(lines) + "\n"


def to_dot(rules: RuleSet) -> str:
    edges, alarms = _edges(rules)
    lines = [f'digraph "{rules.id}" {{', "  rankdir=TB;", '  start [shape=circle, label="start"];']
    for q in rules.questions:
        style = ", color=red, fontcolor=red, penwidth=2" if f"q_{q.id}" in alarms else ""
        lines.append(f'  q_{q.id} [shape=box, label="{q.id}\\n{q.type}"{style}];')
    for o in rules.outcomes:
        style = ", color=red, fontcolor=red, penwidth=2" if f"o_{o.id}" in alarms else ""
        lines.append(f'  o_{o.id} [shape=ellipse, label="{o.id}"{style}];')
    if any(target == "result" for _s, target, _l, _d in edges):
        lines.append('  result [shape=circle, label="result"];')
    for source, target, label, dashed in edges:
        attrs = [f'label="{_short(label).replace(chr(34), chr(39))}"'] if label else []
        if dashed:
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {source} -> {target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
