"""The index: BM25F over the tools, per-step rankings, and the diversified top k."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .clauses import READ_BOOST, READ_VERBS, READING, Clause, Terms
from .spelling import Speller
from .steps import analyse
from .synonyms import READER_WORDS
from .toolkits import ToolkitNames
from .words import stem, terms, words

# --- the index -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolDoc:
    slug: str
    name: str
    description: str
    toolkit_slug: str
    toolkit_name: str
    toolkit_description: str = ""
    tags: tuple[str, ...] = ()
    deprecated: bool = False


@dataclass(frozen=True)
class Hit:
    slug: str
    toolkit_slug: str
    score: float
    reasons: tuple[str, ...]  # e.g. ("names toolkit github", "matches 'issue'")


# (weight, length normalisation b) per field; the name says most about what a tool does.
FIELDS = {"name": (3.0, 0.3), "slug": (1.5, 0.3), "tags": (1.5, 0.3), "description": (1.0, 0.75),
          "toolkit": (0.5, 0.0), "toolkit_description": (0.3, 0.5)}  # fmt: skip
K1 = 1.2
# Tags that describe how a tool is used rather than what it works on.
META_TAGS = frozenset({"read", "write", "important", "deprecated"})
IMPORTANT_BOOST = 1.3
VERB_MATCH_BOOST = 1.15  # a tool whose name starts with the step's verb, or one of its group
_DOWNLOAD = stem("download")
NAMED_ELSEWHERE_BOOST = 2.5  # a tool of a toolkit named in another clause, in the whole-prompt ranking
NEXT_FROM_TOOLKIT = 0.9  # each tool already taken from a toolkit scales its next one by this
WHOLE_PROMPT_WEIGHT = 0.6  # the whole-prompt ranking against a clause's own, when filling later places
CONTINUED_RATIO = 0.6  # a step goes on in the previous step's toolkit when its best there scores this near
CONTINUED_WEIGHT = 0.9  # ... and otherwise that toolkit's tools count this much in filling later places
ELSEWHERE_WEIGHT = 0.5  # acting elsewhere, when acting where the items are fits better: its tools count this
UNNAMED_FILL_WEIGHT = 0.5  # when the prompt names products, a step naming none fills later places this much
MIN_UNNAMED_SCORE = 1.0  # a clause naming no toolkit leads with its best tool only above this


def _slug_words(doc: ToolDoc) -> str:
    prefix = doc.toolkit_slug.upper() + "_"
    slug = doc.slug[len(prefix) :] if doc.slug.upper().startswith(prefix) else doc.slug
    return slug.replace("_", " ")


def _fields(doc: ToolDoc) -> dict[str, list[str]]:
    return {
        "name": terms(doc.name),
        "slug": terms(_slug_words(doc)),
        "tags": terms(" ".join(tag.replace("_", " ") for tag in doc.tags if tag not in META_TAGS)),
        "description": terms(doc.description),
        "toolkit": terms(doc.toolkit_name),
        "toolkit_description": terms(doc.toolkit_description),
    }


def _reads(doc: ToolDoc) -> bool:
    if "read" in doc.tags or "write" in doc.tags:
        return "read" in doc.tags and "write" not in doc.tags
    first = words(doc.name)[:1]
    return bool(first) and stem(first[0]) in READ_VERBS


@dataclass
class _Slot:
    """One ranking to draw from: a clause within one toolkit it names, a clause over all, or the whole prompt."""

    label: str
    scores: dict[int, float]
    terms: Terms
    reads: bool  # read tools were boosted
    named: bool
    weight: float = 1.0
    event: bool = False
    may_lead: bool = True  # an unnamed ranking's best may lead the results (when it scores high enough)

    def best(self) -> tuple[int, float] | None:
        return max(self.scores.items(), key=lambda item: (item[1], -item[0]), default=None)


class ToolIndex:
    """BM25F over the catalog's tools, with per-term contributions precomputed at build time."""

    def __init__(self, docs: list[ToolDoc], postings: dict[str, dict[int, float]], names: ToolkitNames) -> None:
        self._docs = docs
        self._postings = postings
        self._names = names
        self._by_toolkit: dict[str, list[int]] = defaultdict(list)
        for number, doc in enumerate(docs):
            self._by_toolkit[doc.toolkit_slug].append(number)
        self._prior = [IMPORTANT_BOOST if "important" in doc.tags else 1.0 for doc in docs]
        self._reads = [_reads(doc) for doc in docs]
        self._terms = [frozenset(term for field in _fields(doc).values() for term in field) for doc in docs]
        self._name_verbs = [frozenset(terms(doc.name)[:1]) for doc in docs]  # "Update a ticket" -> update
        self._idf = {term: _idf(len(found), len(docs)) for term, found in postings.items()}
        self._speller = Speller(_vocabulary(docs))

    @classmethod
    def build(cls, docs: Iterable[ToolDoc]) -> ToolIndex:
        kept = [doc for doc in docs if not doc.deprecated]
        fields = [_fields(doc) for doc in kept]
        average = {name: max(sum(len(f[name]) for f in fields) / max(len(fields), 1), 1.0) for name in FIELDS}
        pseudo: dict[str, dict[int, float]] = defaultdict(dict)
        for number, doc_fields in enumerate(fields):
            for name, (weight, b) in FIELDS.items():
                norm = 1 - b + b * len(doc_fields[name]) / average[name]
                for term in doc_fields[name]:
                    pseudo[term][number] = pseudo[term].get(number, 0.0) + weight / norm
        postings = {term: _saturate(found, len(kept)) for term, found in pseudo.items()}
        names = ToolkitNames({doc.toolkit_slug: doc.toolkit_name for doc in kept})
        return cls(kept, postings, names)

    def __len__(self) -> int:
        return len(self._docs)

    def named_toolkits(self, query: str) -> list[str]:
        """The toolkits the query names, in order of appearance."""
        found = (slug for clause in analyse(query, self._names, self._speller) for slug in clause.toolkits)
        return list(dict.fromkeys(found))

    def search(self, query: str, *, k: int = 10, toolkits: Collection[str] | None = None) -> list[Hit]:
        allowed = None if toolkits is None else frozenset(toolkits)
        clauses = analyse(query, self._names, self._speller)
        if k <= 0 or not clauses:
            return []
        named = [slug for clause in clauses for slug in clause.toolkits if allowed is None or slug in allowed]
        slots = self._slots(clauses, allowed, frozenset(named))
        return self._hits(_diversify(slots, self._docs, k), slots, frozenset(named))

    # -- ranking ------------------------------------------------------------------------------------

    def _slots(self, clauses: list[Clause], allowed: frozenset[str] | None, named: frozenset[str]) -> list[_Slot]:
        slots: list[_Slot] = []
        previous: list[str] = []
        for clause in clauses:
            own = [slug for slug in clause.toolkits if allowed is None or slug in allowed]
            best_there = 0.0
            for slug in own:
                slots.append(self._toolkit_slot(clause, slug))
                if clause.acts_there:  # "reply to new Freshdesk tickets": read them, and act there too
                    scores = self._score(clause.terms, self._by_toolkit.get(slug, []), False, fill=True)
                    slots.append(_Slot(slug, scores, clause.terms, False, named=True))
                    best_there = max(best_there, max(scores.values(), default=0.0))
            if (not own or clause.acts_elsewhere) and clause.terms.weights:
                candidates = self._candidates(allowed, clause.read_from)
                scores = self._score(clause.terms, candidates, clause.is_event)
                # Acting elsewhere competes with acting where the items are: it leads only when it fits better.
                elsewhere = max(scores.values(), default=0.0)
                may_lead = not clause.acts_there or elsewhere > best_there
                weight = 1.0 if may_lead else ELSEWHERE_WEIGHT
                slots.append(_Slot("", scores, clause.terms, clause.is_event, named=False, event=clause.is_event,
                                   weight=weight, may_lead=may_lead))  # fmt: skip
                if not own and not clause.is_event:
                    slots += self._continued(clause, previous, slots[-1])
                elif clause.acts_elsewhere and not clause.acts_there:  # "DM the Discord user": maybe there too
                    slots += self._continued(clause, own, slots[-1])
            slots += self._finding_slots(clause, own, slots)
            slots += self._download_slots(clause, own)
            previous = own or previous
        if len(clauses) > 1 or named:
            slots.append(self._whole_prompt(clauses, allowed, named))
        if named:  # past its best, an unnamed step's tools fill places after the named products' tools
            for slot in slots:
                if slot.label == "" and not slot.named:
                    slot.weight *= UNNAMED_FILL_WEIGHT
        return [slot for slot in slots if slot.scores]

    def _continued(self, clause: Clause, previous: list[str], anywhere: _Slot) -> list[_Slot]:
        """A step that names no toolkit after one that does likely goes on there: "create a Slack channel and
        invite the responders". It leads the step when its best tool there scores near the best anywhere."""
        best_anywhere = max(anywhere.scores.values(), default=0.0)
        slots = []
        for slug in previous:
            scores = self._score(clause.terms, self._by_toolkit.get(slug, []), False)
            leads = max(scores.values(), default=0.0) >= CONTINUED_RATIO * best_anywhere
            slots.append(_Slot(slug, scores, clause.terms, False, named=leads, weight=CONTINUED_WEIGHT))
        return slots

    def _finding_slots(self, clause: Clause, own: list[str], slots: list[_Slot]) -> list[_Slot]:
        """Where a step acts on items it must find first, a reading tool of the toolkit it acts in: the one
        named, or else the one of the best tool for the step."""
        if not clause.finds_first or clause.find_terms is None:
            return []
        acted = [slug for slug in own if slug not in clause.read_from]
        if not acted and slots and slots[-1].label in ("", *own):
            best = slots[-1].best()
            acted = [self._docs[best[0]].toolkit_slug] if best is not None else []
        found = []
        for slug in acted:
            scores = self._score(clause.find_terms, self._by_toolkit.get(slug, []), True)
            found.append(_Slot(slug, scores, clause.find_terms, True, named=True))
        return found

    def _download_slots(self, clause: Clause, own: list[str]) -> list[_Slot]:
        """Files carried from a toolkit to another are listed there and downloaded too ("back up new Dropbox
        files to S3"), when the toolkit has a tool named for downloading them."""
        if not clause.carries or clause.is_event:
            return []
        found = []
        for slug in (slug for slug in own if slug in clause.read_from and slug in clause.read_terms):
            read = clause.read_terms[slug]
            weights, origins = {**read.weights, _DOWNLOAD: 1.0}, {**read.origins, _DOWNLOAD: READING}
            terms = Terms(weights, origins, frozenset({_DOWNLOAD}))
            scores = self._score(terms, self._by_toolkit.get(slug, []), True)
            best = max(scores.items(), key=lambda item: item[1], default=None)
            if best is not None and _DOWNLOAD in self._name_verbs[best[0]]:
                found.append(_Slot(slug, scores, terms, True, named=True))
        return found

    def _toolkit_slot(self, clause: Clause, slug: str) -> _Slot:
        reading = slug in clause.read_from
        terms = clause.read_terms[slug] if reading and not clause.is_event else clause.terms
        if not reading and clause.put_terms is not None:
            terms = clause.put_terms
        if reading and clause.find_terms is not None:
            terms = clause.find_terms  # "move the card 'X'": the items are picked, so searched for
        scores = self._score(terms, self._by_toolkit.get(slug, []), reading, fill=True)
        return _Slot(slug, scores, terms, reading, named=True, event=clause.is_event)

    def _whole_prompt(self, clauses: list[Clause], allowed: frozenset[str] | None, named: frozenset[str]) -> _Slot:
        weights: dict[str, float] = {}
        origins: dict[str, str] = {}
        for clause in clauses:
            for term, weight in clause.terms.weights.items():
                if weight > weights.get(term, 0.0):
                    weights[term], origins[term] = weight, clause.terms.origins[term]
        scores = self._score(Terms(weights, origins), self._candidates(allowed, frozenset()), False)
        for number in scores:
            if self._docs[number].toolkit_slug in named:
                scores[number] *= NAMED_ELSEWHERE_BOOST
        return _Slot("*", scores, Terms(weights, origins), False, False, WHOLE_PROMPT_WEIGHT)

    def _candidates(self, allowed: frozenset[str] | None, excluded: frozenset[str]) -> list[int] | None:
        if allowed is None and not excluded:
            return None
        slugs = self._by_toolkit if allowed is None else allowed
        return [number for slug in slugs if slug not in excluded for number in self._by_toolkit.get(slug, [])]

    def _capped(self, terms: Terms) -> dict[str, float]:
        """Query weights where a synonym never counts more than the word written: a rarer synonym ("add" for
        "create") would otherwise outweigh the word itself through its higher idf."""
        capped = {}
        for term, weight in terms.weights.items():
            written = stem(terms.origins[term])
            if written != term and written in self._idf and term in self._idf:
                weight *= min(1.0, self._idf[written] / self._idf[term])
            capped[term] = weight
        return capped

    def _score(
        self, terms: Terms, candidates: list[int] | None, reading: bool, *, fill: bool = False
    ) -> dict[int, float]:
        """BM25F sums over the candidates (all tools when None); `fill` keeps the ones no term matched."""
        within = None if candidates is None else set(candidates)
        scores: dict[int, float] = dict.fromkeys(candidates or [], 0.0) if fill else {}
        for term, weight in self._capped(terms).items():
            for number, contribution in self._postings.get(term, {}).items():
                if within is None or number in within:
                    scores[number] = scores.get(number, 0.0) + weight * contribution
        for number in scores:
            boost = READ_BOOST if reading and self._reads[number] else 1.0
            if self._name_verbs[number] & terms.verbs:  # "change the status" -> "Update ...", not "Delete ..."
                boost *= VERB_MATCH_BOOST
            scores[number] = (scores[number] + 1e-3) * self._prior[number] * boost
        return scores

    def _hits(self, picked: list[tuple[int, float, int]], slots: list[_Slot], named: frozenset[str]) -> list[Hit]:
        hits = []
        for number, score, slot_number in picked:
            doc, slot = self._docs[number], slots[slot_number]
            reasons = [f"names toolkit {doc.toolkit_slug}"] if doc.toolkit_slug in named else []
            if slot.reads and self._reads[number]:
                reasons.append(
                    "reads the items the workflow starts from" if slot.event else "reads the items to pass on"
                )
            reasons += _matches(self._terms[number], slot)
            hits.append(Hit(doc.slug, doc.toolkit_slug, round(score, 4), tuple(reasons)))
        return hits


def _vocabulary(docs: list[ToolDoc]) -> list[str]:
    """Every word the tools are described with, once per tool, and the reader's own words."""
    found = []
    for doc in docs:
        text = " ".join((doc.name, _slug_words(doc), doc.description, doc.toolkit_name, " ".join(doc.tags)))
        found += set(words(text))
    return found + list(READER_WORDS)


def _idf(found: int, total: int) -> float:
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def _saturate(pseudo_tf: dict[int, float], total: int) -> dict[int, float]:
    idf = _idf(len(pseudo_tf), total)
    return {number: idf * tf * (K1 + 1) / (K1 + tf) for number, tf in pseudo_tf.items()}


def _matches(doc_terms: frozenset[str], slot: _Slot) -> list[str]:
    weights = slot.terms.weights
    matched = sorted((term for term in weights if term in doc_terms), key=lambda term: -weights[term])
    said = []
    for term in matched[:4]:
        source = slot.terms.origins[term]
        if source.startswith("("):
            said.append(f"matches '{term}' {source}")
        else:
            said.append(f"matches '{source}'" if stem(source) == term else f"matches '{source}' as '{term}'")
    return said


def _diversify(slots: list[_Slot], docs: list[ToolDoc], k: int) -> list[tuple[int, float, int]]:
    """(tool, ranking score, slot) for the top k: each slot's best first (score 1), then the rest by their score
    relative to their slot's best, a toolkit's next tool counting a bit less, so the scores never increase."""
    picked: list[tuple[int, float, int]] = []
    per_toolkit: dict[str, int] = defaultdict(int)
    for number, slot in enumerate(slots):
        best = slot.best()
        if best is None or slot.label == "*" or best[0] in {tool for tool, _, _ in picked}:
            continue
        if slot.named or (slot.may_lead and best[1] >= MIN_UNNAMED_SCORE):
            picked.append((best[0], 1.0, number))
            per_toolkit[docs[best[0]].toolkit_slug] += 1
    pool = _relative_scores(slots, {tool for tool, _, _ in picked})

    def worth(tool: int) -> tuple[float, int]:
        return pool[tool][0] * NEXT_FROM_TOOLKIT ** per_toolkit[docs[tool].toolkit_slug], -tool

    while len(picked) < k and pool:
        choice = max(pool, key=worth)
        score = worth(choice)[0]
        picked.append((choice, score, pool.pop(choice)[1]))
        per_toolkit[docs[choice].toolkit_slug] += 1
    return picked[:k]


def _relative_scores(slots: list[_Slot], taken: set[int]) -> dict[int, tuple[float, int]]:
    """tool -> (its best score relative to the top of a slot, times the slot's weight; that slot's number)."""
    pool: dict[int, tuple[float, int]] = {}
    for slot_number, slot in enumerate(slots):
        best = slot.best()
        if best is None or best[1] <= 0:
            continue
        for number, score in slot.scores.items():
            relative = score / best[1] * slot.weight
            if number not in taken and relative > pool.get(number, (0.0, 0))[0]:
                pool[number] = (relative, slot_number)
    return pool


# --- loading -------------------------------------------------------------------------------------------


def docs_from_catalog_file(data: dict) -> list[ToolDoc]:
    """ToolDocs from a Composio-shaped catalog ({"toolkits": [...], "tools": [...]}, v3 item shapes)."""
    toolkits = {item["slug"]: item for item in data.get("toolkits", [])}
    return [_doc(tool, toolkits.get(tool.get("toolkit", {}).get("slug", ""), {})) for tool in data.get("tools", [])]


def _doc(tool: dict, toolkit: dict) -> ToolDoc:
    meta = toolkit.get("meta") or {}
    categories = ", ".join(category.get("name", "") for category in meta.get("categories") or [])
    described = " ".join(part for part in (meta.get("description") or "", categories) if part)
    return ToolDoc(
        slug=tool["slug"],
        name=tool.get("name") or tool["slug"],
        description=tool.get("description") or "",
        toolkit_slug=tool["toolkit"]["slug"],
        toolkit_name=toolkit.get("name") or tool["toolkit"].get("name") or tool["toolkit"]["slug"],
        toolkit_description=described,
        tags=tuple(tool.get("tags") or ()),
        deprecated=bool(tool.get("is_deprecated")),
    )
