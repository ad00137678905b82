"""A seventh evaluation set, held out from everyone who works on the detectors.

Usage::

    python bench/redaction.py --set heldout7      # score it (summary only)
    python bench/redaction_heldout7.py            # print its counts

Why: issue 11 asks that the detectors (``tipline/export/pii/``) be judged on
text their authors never saw. This set was written by an engineer who read
neither the detectors' code nor any benchmark's per-example output, while
four others were changing the detectors; ``bench/redaction.py`` prints only
its summary and refuses ``--misses`` for it.

Where the text comes from (bench/data/heldout7/README.md):

- **Templates are ours** (``templates.txt``), in voices earlier sets did not
  stress: declarations under penalty of perjury, hotline call logs, form and
  spreadsheet rows, jail tablet messages, SMS threads, bond and visitation
  requests, commissary and money-transfer receipts, meeting minutes, news
  reports, hand-transcribed letters with phonetic spelling, Spain usage,
  Spanglish; capitals, lower case, no accents, details broken across lines.
- **Values are Faker's** under seed 70_707: names from ``en_US``, ``es_MX``,
  ``es_ES`` (the issue's locales, ≥ 60% of names) and ``pt_BR``, ``es_CL``,
  ``fr_FR``, ``it_IT``, ``en_IN``, ``de_DE``, ``en_GB``, ``zu_ZA``, which no
  earlier set used; US street names, plates, SSNs, e-mail addresses and user
  names. Drawn here: Central American names and addresses, names with
  particles, hyphens and apostrophes, units, A-numbers, phones, ID numbers,
  hand-written dates, spoken e-mail addresses, handles per platform, URLs.

Gold spans follow docs/exports.md's conventions: an address is house number,
street and unit; a name leaves out a title; a handle keeps its "@"; an ID
value leaves out its cue. Booking, inmate and detainee numbers are ID
numbers; case, docket, incident, receipt, flight and room numbers are not.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import redaction_heldout
from redaction_heldout7_values import GOLD, NAME_KINDS, Values

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "heldout7"
SEED = 70_707
DRAWS = 6  # each template is filled this many times, with other values
SLOT = re.compile(r"\[\[(\w+)(?:\|(\w+))?\]\]")


def templates() -> list[tuple[str, str, str, set[str], str]]:
    """(language, ``pos`` or ``neg``, style, flags, template) for every template."""
    return redaction_heldout.read_templates(DATA / "templates.txt")


def fill(template: str, values: Values, lang: str, flags: set[str], row_id: str) -> dict[str, Any]:
    """One text, its gold spans and its people list."""
    values.lang, values.people, values.listed = lang, [], []
    text, spans = redaction_heldout.fill_slots(template, SLOT, values, (GOLD, NAME_KINDS), lang)
    for flag in ("upper", "lower", "plain"):
        if flag in flags:
            text = redaction_heldout.recase(text, flag)
    return redaction_heldout.row(row_id, "heldout7", lang, text, spans, values.people)


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    """Every template filled ``DRAWS`` times (the same rows for the same seed)."""
    lists, rows = redaction_heldout.read_lists(DATA / "context.tsv"), []
    for number, (lang, kind, style, flags, template) in enumerate(templates()):
        for draw in range(DRAWS):
            values = Values(seed * 1_000 + number * 10 + draw, lists)
            row_id = f"h7-{lang}-{kind}-{style}-{number:03d}-{draw}"
            rows.append(fill(template, values, lang, flags, row_id))
    return rows


counts = redaction_heldout.counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    redaction_heldout.print_counts(generate(parser.parse_args().seed))


if __name__ == "__main__":
    main()
