"""Print the hostile HTTP figures recorded in http_figures.json (tried / clean, per category)."""

from __future__ import annotations

import json
from pathlib import Path

FIGURES = Path(__file__).resolve().parent / "http_figures.json"

if __name__ == "__main__":
    numbers = json.loads(FIGURES.read_text(encoding="utf-8"))
    total = numbers.pop("total")
    print(f"hostile HTTP requests: {total['tried']} tried, {total['clean']} clean")
    for category, figure in numbers.items():
        print(f"  {category}: {figure['clean']}/{figure['tried']}")
