"""A person played by a script, for every test of a walk driven without a terminal."""

from __future__ import annotations

from triage.deciding.interview import QuestionView


class FakePrompter:
    """Plays the person: answers with scripted lines, records what it was shown and told."""

    def __init__(self, lines: list[str | BaseException]) -> None:
        self.lines = list(lines)
        self.shown: list[QuestionView] = []
        self.told: list[tuple[str, str]] = []  # (kind, message)
        self.read_at: list[str] = []  # the question id of each read

    def show(self, question: QuestionView) -> None:
        self.shown.append(question)

    def tell(self, message: str, kind: str = "info") -> None:
        self.told.append((kind, message))

    def read(self, question: QuestionView) -> str:
        self.read_at.append(question.id)
        if not self.lines:
            raise EOFError
        line = self.lines.pop(0)
        if isinstance(line, BaseException):
            raise line
        return line + "\n"

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.shown]
