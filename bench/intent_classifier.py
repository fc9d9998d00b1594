"""Intent classifier accuracy and speed on the labelled prompt set, one run.

    python bench/intent_classifier.py [--data FILE ...] [--repeats 20]

By default it scores both labelled sets: intents.jsonl (299 prompts, tuned against: a dev set) and then
intents_holdout.jsonl (200 prompts written apart and never tuned against), whose line comes last.

Reads a JSON-lines file of `{"prompt", "intent", "note"}` rows (intent "patch" or "execute"), classifies
every prompt with `agentrunner.intent.classify` (the built-in, model-free classifier) and prints the
accuracy, the 2x2 confusion matrix (rows: true patch/execute; columns: predicted), per-class precision
and recall, the misclassified prompts (at most 30, least confident first) and the time per prompt in
microseconds (the best of `--repeats` passes over the whole set). The anchor is the majority-class
baseline on the same set: the summary line prints both accuracies. Targets: accuracy >= 0.95, and
microseconds, not milliseconds, per prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agentrunner.intent import EXECUTE, PATCH, classify  # noqa: E402

INTENTS = (PATCH, EXECUTE)


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = [row for row in rows if row.get("intent") not in INTENTS]
    if unknown:
        raise SystemExit(f"{len(unknown)} rows with an intent other than patch/execute, e.g. {unknown[0]}")
    return rows


def time_per_prompt_us(prompts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for prompt in prompts:
            classify(prompt)
        best = min(best, time.perf_counter() - start)
    return best / len(prompts) * 1e6


def print_scores(confusion: dict[tuple[str, str], int]) -> None:
    print(f"{'true / predicted':>18} {PATCH:>8} {EXECUTE:>8}")
    for truth in INTENTS:
        print(f"{truth:>18} {confusion[truth, PATCH]:>8} {confusion[truth, EXECUTE]:>8}")
    for intent in INTENTS:
        predicted = sum(confusion[truth, intent] for truth in INTENTS)
        actual = sum(confusion[intent, guess] for guess in INTENTS)
        precision = confusion[intent, intent] / predicted if predicted else 0.0
        recall = confusion[intent, intent] / actual if actual else 0.0
        print(f"{intent:>8}: precision {precision:.3f} recall {recall:.3f} ({actual} prompts)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, action="append", help="A JSON-lines set (repeatable).")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    data = ROOT / "agentrunner" / "tests" / "data"
    paths = args.data or [data / "intents.jsonl", data / "intents_holdout.jsonl"]
    summaries = [score(path, args.repeats) for path in paths]
    print()
    for line in summaries:
        print(line)


def score(path: Path, repeats: int) -> str:
    rows = load(path)
    decisions = [classify(row["prompt"]) for row in rows]
    confusion = {(truth, guess): 0 for truth in INTENTS for guess in INTENTS}
    for row, decision in zip(rows, decisions, strict=True):
        confusion[row["intent"], decision.intent] += 1
    wrong = sorted(
        ((row, decision) for row, decision in zip(rows, decisions, strict=True) if decision.intent != row["intent"]),
        key=lambda pair: pair[1].confidence,
    )
    accuracy = 1 - len(wrong) / len(rows)
    baseline = max(sum(row["intent"] == intent for row in rows) for intent in INTENTS) / len(rows)
    print(f"\ndata: {path} ({len(rows)} prompts)")
    print_scores(confusion)
    print(f"misclassified: {len(wrong)} (showing up to 30)")
    for row, decision in wrong[:30]:
        print(f"  {row['intent']:>7} -> {decision.intent} ({decision.confidence:.2f}) {row['prompt']!r}")
        print(f"          note: {row.get('note', '')} | {'; '.join(decision.reasons)}")
    micros = time_per_prompt_us([row["prompt"] for row in rows], repeats)
    return (
        f"intent classifier on {path.name}: accuracy {accuracy:.3f} on {len(rows)} prompts (target >= 0.95; "
        f"majority-class baseline {baseline:.3f}), {micros:.1f} us per prompt"
    )


if __name__ == "__main__":
    main()
