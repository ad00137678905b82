"""Precision and recall of identifying-detail detection on the labelled set.

Usage: ``python bench/redaction.py [--split dev|heldout|all] [--misses]``

The evaluation set is ``tests/export/data/redaction_eval.jsonl``: invented
sentences in the style of tips (letters, transcribed phone messages, notes;
held-out: reviewer summaries, chats, form dumps), about half in Spanish, each
gold span with its category, plus the case's people list.

Scoring, per category:

- recall: a gold span counts as found when every letter and digit in it is
  covered by predicted findings *of the same category*;
- precision: a predicted finding counts as right when it overlaps a gold span
  of the same category;
- the "any" row ignores categories: gold covered by any finding (what matters
  for the organizer's copy), predictions overlapping any gold span.
- "name (people list)" is recall over gold names whose text matches a name on
  that sentence's people list (the target the test suite checks).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tipline.export.pii.names import fold, name_variants  # noqa: E402
from tipline.export.pii.redaction import CATEGORIES, find_identifying  # noqa: E402

DATA = ROOT / "tests" / "export" / "data" / "redaction_eval.jsonl"
PEOPLE_ROW = "name (people list)"


def load(split: str = "all") -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"], row["id"]
    return [r for r in rows if split == "all" or r["split"] == split]


@dataclass
class Score:
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def recall(self, category: str) -> float:
        return self.found[category] / self.gold[category] if self.gold[category] else 1.0

    def precision(self, category: str) -> float:
        predicted = self.predicted[category]
        return self.correct[category] / predicted if predicted else 1.0


def _covered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(any(s <= i < e for s, e in spans) for i in range(start, end) if text[i].isalnum())


def _on_people_list(name: str, people: list[str]) -> bool:
    folded = fold(name)[0].replace(",", "")
    variants = set().union(*(name_variants(p) for p in people)) if people else set()
    return all(part in variants for part in folded.split()) or folded in variants


def evaluate(rows: list[dict[str, Any]]) -> Score:
    score = Score()
    for row in rows:
        text, gold = row["text"], row["spans"]
        predicted = find_identifying(text, people=row["people"])
        for g in gold:
            cat = g["category"]
            same = [(f.start, f.end) for f in predicted if f.category == cat]
            every = [(f.start, f.end) for f in predicted]
            hit = _covered(text, g["start"], g["end"], same)
            score.gold[cat] += 1
            score.found[cat] += hit
            score.gold["any"] += 1
            score.found["any"] += _covered(text, g["start"], g["end"], every)
            if cat == "name" and _on_people_list(g["text"], row["people"]):
                score.gold[PEOPLE_ROW] += 1
                score.found[PEOPLE_ROW] += hit
            if not hit:
                score.misses.append(f"{row['id']} {cat}: {g['text']!r}")
        for f in predicted:
            overlaps = [g for g in gold if g["start"] < f.end and f.start < g["end"]]
            score.predicted[f.category] += 1
            score.correct[f.category] += any(g["category"] == f.category for g in overlaps)
            score.predicted["any"] += 1
            score.correct["any"] += bool(overlaps)
            if not any(g["category"] == f.category for g in overlaps):
                score.false_alarms.append(f"{row['id']} {f.category}/{f.confidence}: {f.text!r}")
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    rows = load(args.split)
    score = evaluate(rows)
    print(f"{len(rows)} sentences ({args.split})")
    print(f"{'category':20} {'gold':>5} {'pred':>5} {'precision':>9} {'recall':>7}")
    for cat in (*CATEGORIES, PEOPLE_ROW, "any"):
        if score.gold[cat] or score.predicted[cat]:
            # The people-list row is recall only: predictions are not split that way.
            people = cat == PEOPLE_ROW
            predicted = "-" if people else str(score.predicted[cat])
            precision = "-" if people else f"{score.precision(cat):.3f}"
            print(
                f"{cat:20} {score.gold[cat]:5} {predicted:>5} "
                f"{precision:>9} {score.recall(cat):7.3f}"
            )
    if args.misses:
        print("\nmisses:", *score.misses, sep="\n  ")
        print("\nfalse alarms:", *score.false_alarms, sep="\n  ")


if __name__ == "__main__":
    main()
