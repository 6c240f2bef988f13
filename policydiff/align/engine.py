"""Align two clause trees: which old clause became which new clause, and how.

The steps, in order, each a function below:
1. exact anchors: identical normalised text (duplicates paired in order);
2. splits and merges: one clause equal to 2-3 adjacent clauses on the other side;
3. sections: same heading, or the section most of whose clauses went to the same place;
4. fuzzy leaves: rapidfuzz similarity over what is left, best pair first, with a bonus when the
   two clauses stand in corresponding sections and a higher bar for moves across sections;
5. kinds: moved (out of order among siblings, or to another section), renumbered (only the number
   changed), modified, unchanged; unmatched clauses are added or removed.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Indel

from policydiff.align.nodes import Node

SAME_SECTION_THRESHOLD = 0.5
"""Minimum similarity to pair two clauses that stand in corresponding sections."""
MOVE_THRESHOLD = 0.75
"""Minimum similarity to pair clauses across sections (a move with edits): a false move costs trust."""
MOVE_MIN_TOKENS = 8
"""Clauses shorter than this are never paired across sections unless identical."""
SPLIT_THRESHOLD = 0.9
"""Minimum similarity between a clause and the concatenation of the clauses it was split into."""
MIN_PART_TOKENS = 3
"""A part of a split or merge must hold a fifth of the words, or at least this many: a short lead such
as "Generally for all websites" merged into the paragraph below it is still a merge."""
SECTION_BONUS = 0.1
"""Added to the similarity of two clauses whose sections correspond."""
FEW_VOTES = 3
"""A section paired by fewer of its clauses than this, and less than half of the larger section's, must
also keep some of its heading's words."""
RENAMED_HEADING_SIMILARITY = 0.5
"""How alike two headings must be for a section paired by few votes."""
MATRIX_BATCH_CELLS = 40_000
"""Above this many candidate pairs, similarities are scored in one cdist batch on all cores, when numpy
(which rapidfuzz's cdist needs, and does not install) is there; otherwise one query at a time."""


def _has_numpy() -> bool:
    from importlib.util import find_spec

    return find_spec("numpy") is not None


def align_nodes(old: list[Node], new: list[Node]) -> None:
    """Set `partner` on every corresponding pair of nodes (and `extra` for splits and merges)."""
    old_leaves = [n for n in old if not n.is_section]
    new_leaves = [n for n in new if not n.is_section]
    for node in old:
        node.position = node.index / max(1, len(old) - 1)
    for node in new:
        node.position = node.index / max(1, len(new) - 1)
    old_sections = [n for n in old if n.is_section]
    new_sections = [n for n in new if n.is_section]
    _exact(old_leaves, new_leaves, unique_only=True)
    _exact(old_sections, new_sections, unique_only=True)
    _sections_by_votes(old, new)
    _exact(old_leaves, new_leaves)
    _exact(old_sections, new_sections)
    _restyled(old, new)
    _splits_and_merges(old_leaves, new_leaves)
    slots = _same_slot(old, new)
    _fuzzy(old_leaves, new_leaves, slots)
    _sections_by_votes(old, new)
    _slot_sections(old, slots)
    _fuzzy_sections(old_sections, new_sections)


def _pair(a: Node, b: Node) -> None:
    a.partner, b.partner = b, a


def _free(node: Node) -> bool:
    return node.partner is None and node.group is None


def _exact(old: list[Node], new: list[Node], unique_only: bool = False) -> None:
    """Pair identical texts; repeated texts pair in document order unless unique_only."""
    by_key: dict[str, list[Node]] = defaultdict(list)
    for node in new:
        if _free(node):
            by_key[node.key].append(node)
    old_by_key: dict[str, list[Node]] = defaultdict(list)
    for node in old:
        if _free(node):
            old_by_key[node.key].append(node)
    for key, olds in old_by_key.items():
        news = by_key.get(key)
        if not news or not key:
            continue
        if unique_only and (len(olds) > 1 or len(news) > 1):
            continue
        for a, b in _nearest(olds, news):
            _pair(a, b)


def _nearest(olds: list[Node], news: list[Node]) -> list[tuple[Node, Node]]:
    """Pair copies of a repeated text within corresponding sections first, then by relative position
    in their documents, closest pairs first (symmetric: swapping the sides pairs the same clauses)."""
    if len(olds) == 1 and len(news) == 1:
        return [(olds[0], news[0])]
    candidates = sorted(((not _sections_correspond(a, b), not _neighbours_correspond(a, b), abs(_offset(a) - _offset(b)),
                          abs(a.position - b.position), a.index + b.index, a, b) for a in olds for b in news),
                        key=lambda c: c[:5])
    used: set[int] = set()
    pairs = []
    for *_, a, b in candidates:
        if id(a) not in used and id(b) not in used:
            used.update((id(a), id(b)))
            pairs.append((a, b))
    return pairs


def _restyled(old: list[Node], new: list[Node]) -> None:
    """A paragraph that became a heading (or the reverse) with the same words is the same clause:
    "We use data to build better services" set as a heading changes no term. Only texts that stand
    once on each side pair this way, so the result does not depend on which side is called old."""
    def unique(nodes: list[Node]) -> dict[tuple[bool, str], Node]:
        seen: dict[tuple[bool, str], list[Node]] = defaultdict(list)
        for node in nodes:
            if _free(node) and node.key:
                seen[(node.is_section, node.key)].append(node)
        return {key: found[0] for key, found in seen.items() if len(found) == 1}

    olds, news = unique(old), unique(new)
    for (is_section, key), a in olds.items():
        b = news.get((not is_section, key))
        if b is not None and (is_section, key) not in news and (not is_section, key) not in olds:
            _pair(a, b)


def _neighbours_correspond(a: Node, b: Node) -> bool:
    """The clauses just before (or just after) two copies of a text are already paired together: a
    repeated passage pairs with its own counterpart, copy to copy."""
    return _paired(a.before, b.before) or _paired(a.after, b.after)


def _paired(a: Node | None, b: Node | None) -> bool:
    return a is not None and b is not None and a.partner is b


def _offset(node: Node) -> int:
    """Position within the enclosing section."""
    return node.index - (node.section.index if node.section is not None else 0)


def _splits_and_merges(old: list[Node], new: list[Node]) -> None:
    _group(old, new, split=True)
    _group(new, old, split=False)


def _group(singles: list[Node], parts_side: list[Node], *, split: bool) -> None:
    """A clause on one side equal to 2-3 adjacent unpaired siblings on the other is a split/merge.

    Each clause is scored only against the windows that could reach SPLIT_THRESHOLD (see
    _WindowIndex), in window order, so the first best window wins as when every window was tried."""
    runs: dict[int, list[Node]] = defaultdict(list)
    for node in parts_side:
        if _free(node) and node.parent is not None:
            runs[id(node.parent)].append(node)
        elif _free(node):
            runs[0].append(node)
    windows: list[list[Node]] = []
    for siblings in runs.values():
        for start in range(len(siblings)):
            for size in (2, 3):
                window = siblings[start:start + size]
                if len(window) == size and _adjacent(window):
                    windows.append(window)
    if not windows:
        return
    index = _WindowIndex(windows, [single for single in singles if _free(single) and len(single.tokens) >= 6])
    for single in singles:
        if not _free(single) or len(single.tokens) < 6:
            continue
        best, best_score = None, SPLIT_THRESHOLD
        for window in index.candidates(single):
            if any(not _free(part) for part in window):
                continue
            lengths = [len(part.tokens) for part in window]
            total = sum(lengths)
            if min(lengths) < min(0.2 * total, MIN_PART_TOKENS) or abs(total - len(single.tokens)) > 0.2 * len(single.tokens):
                continue
            joined = [token for part in window for token in part.tokens]
            score = Indel.normalized_similarity(single.tokens, joined)
            if score >= best_score:
                best, best_score = window, score
        if best is not None:
            first, rest = best[0], best[1:]
            _pair(single, first)
            single.extra = list(rest)
            for part in rest:
                part.group = single


class _WindowIndex:
    """Which windows a clause could match at SPLIT_THRESHOLD, without trying them all (a prefix filter).

    A similarity of 0.9 between a clause of L tokens and a window of T tokens (T within a fifth of L)
    means at least 0.45 (L + T) tokens in common, over 0.8 L and over 0.8 T. Put every token
    occurrence ("the" the second time is its own element) in one order, rarest first: two token
    multisets that share at least α elements share one among the first |x| - α + 1 of each, so each
    side is indexed by that prefix alone (with α taken at 0.8 of its length, a little low, so no
    window that could match is ever left out)."""

    def __init__(self, windows: list[list[Node]], singles: list[Node]) -> None:
        self.windows = windows
        window_elements = [_elements([token for part in window for token in part.tokens]) for window in windows]
        self.single_elements = {id(single): _elements(single.tokens) for single in singles}
        frequency: dict[tuple[int, int], int] = defaultdict(int)
        for elements in (*window_elements, *self.single_elements.values()):
            for element in elements:
                frequency[element] += 1
        self.rank = {element: (count, element) for element, count in frequency.items()}
        self.by_element: dict[tuple[int, int], list[int]] = defaultdict(list)
        for position, elements in enumerate(window_elements):
            for element in self._prefix(elements):
                self.by_element[element].append(position)

    def _prefix(self, elements: list[tuple[int, int]]) -> list[tuple[int, int]]:
        overlap = int(0.8 * len(elements))
        return sorted(elements, key=self.rank.__getitem__)[:len(elements) - overlap + 1]

    def candidates(self, single: Node) -> list[list[Node]]:
        """The windows that share an element of their prefix with this clause's prefix, in window order."""
        found = {position for element in self._prefix(self.single_elements[id(single)])
                 for position in self.by_element.get(element, ())}
        return [self.windows[position] for position in sorted(found)]


def _elements(tokens: list[int]) -> list[tuple[int, int]]:
    """A token list as a set: each token with how many times it came before ("the", 0), ("the", 1)."""
    seen: dict[int, int] = defaultdict(int)
    elements = []
    for token in tokens:
        elements.append((token, seen[token]))
        seen[token] += 1
    return elements


def _adjacent(window: list[Node]) -> bool:
    return all(b.index == a.index + 1 + _descendants(a) for a, b in zip(window, window[1:]))


def _descendants(node: Node) -> int:
    return sum(1 + _descendants(child) for child in node.children)


def _sections_by_votes(old: list[Node], new: list[Node]) -> None:
    """Pair unpaired sections that send most of their clauses to each other (renamed headings).

    The choice must be mutual, so the result does not depend on which side is called old."""
    old_best = {id(a): _best_target(a) for a in old if a.is_section and _free(a)}
    new_best = {id(b): _best_target(b) for b in new if b.is_section and _free(b)}
    for a in (n for n in old if n.is_section and _free(n)):
        target = old_best.get(id(a))
        if target is not None and _free(target) and new_best.get(id(target)) is a:
            _pair(a, target)


def _best_target(section: Node) -> Node | None:
    """The unpaired section on the other side that most of this section's direct clauses went to."""
    votes: dict[int, int] = defaultdict(int)
    targets: dict[int, Node] = {}
    for child in section.children:
        partner = child.partner
        if partner is None or partner.parent is None or not partner.parent.is_section:
            continue
        votes[id(partner.parent)] += 1
        targets[id(partner.parent)] = partner.parent
    if not votes:
        return None
    best = max(votes, key=lambda key: (votes[key], -targets[key].index))
    target = targets[best]
    count = votes[best]
    if not _free(target) or count * 2 < min(len(section.children), len(target.children)):
        return None
    if count < FEW_VOTES and count * 2 < max(len(section.children), len(target.children)) \
            and Indel.normalized_similarity(section.tokens, target.tokens) < RENAMED_HEADING_SIMILARITY:
        return None  # one clause moving into a big section does not make the two sections one
    return target


def _fuzzy_sections(old: list[Node], new: list[Node]) -> None:
    """Sections left over pair on heading similarity when their parents correspond."""
    candidates = []
    for a in (n for n in old if _free(n)):
        for b in (n for n in new if _free(n)):
            parents_match = (a.parent is None and b.parent is None) or (
                a.parent is not None and a.parent.partner is b.parent)
            if not parents_match:
                continue
            score = Indel.normalized_similarity(a.tokens, b.tokens)
            if score >= 0.8:
                candidates.append((score, a.index, a, b))
    for _, _, a, b in sorted(candidates, key=lambda c: (-c[0], c[1] + c[3].index)):
        if _free(a) and _free(b):
            _pair(a, b)


def _fuzzy(old: list[Node], new: list[Node], slots: dict[int, Node]) -> None:
    """Pair what is left by similarity: first within corresponding sections (cheap, and where most
    edits are), then a move pass across sections over what is still unpaired, best pair first."""
    olds = [n for n in old if _free(n) and n.key]
    news = [n for n in new if _free(n) and n.key]
    local_old: dict[int, list[Node]] = defaultdict(list)
    local_new: dict[int, list[Node]] = defaultdict(list)
    for a in olds:
        target = (a.section.partner or slots.get(id(a.section))) if a.section is not None else None
        if a.section is None or target is not None:
            local_old[id(target) if target is not None else 0].append(a)
    for b in news:
        local_new[id(b.section) if b.section is not None else 0].append(b)
    candidates = []
    for key, group in local_old.items():
        if key in local_new:
            candidates.extend(_candidates(group, local_new[key], SAME_SECTION_THRESHOLD, SECTION_BONUS, 1))
    _assign(candidates)
    movers_old = [n for n in olds if _free(n) and len(n.tokens) >= MOVE_MIN_TOKENS]
    movers_new = [n for n in news if _free(n) and len(n.tokens) >= MOVE_MIN_TOKENS]
    if movers_old and movers_new:
        _assign(_candidates(movers_old, movers_new, MOVE_THRESHOLD, 0.0, MOVE_MIN_TOKENS))


def _same_slot(old: list[Node], new: list[Node]) -> dict[int, Node]:
    """Unpaired old section → the unpaired new section that stands in its place: under corresponding
    parents, between the same paired sibling sections ("Resolving complaints" between "Cross-border
    data transfers" and "Dispute resolution" where the new version has "How to Contact Us"). A section
    renamed and rewritten at once is still the section a reader sees there: its clauses are compared
    as clauses of corresponding sections, and if most of them pair, so do the sections (votes)."""
    def siblings(nodes: list[Node]) -> dict[int, list[Node]]:
        found: dict[int, list[Node]] = defaultdict(list)
        for node in nodes:
            if node.is_section:
                found[id(node.parent) if node.parent is not None else 0].append(node)
        return found

    def neighbours(row: list[Node]) -> list[tuple[Node | None, Node | None]]:
        return [(row[at - 1] if at else None, row[at + 1] if at + 1 < len(row) else None) for at in range(len(row))]

    def partner_id(node: Node | None) -> int:
        return -1 if node is None else id(node.partner) if node.partner is not None else -2

    old_rows, new_rows = siblings(old), siblings(new)
    slots: dict[int, Node] = {}
    for row in old_rows.values():
        parent = row[0].parent
        if parent is not None and parent.partner is None:
            continue
        new_row = new_rows.get(id(parent.partner) if parent is not None and parent.partner is not None else 0, [])
        # each free new section by the old sections its neighbours are paired with (-1: none there)
        places: dict[tuple[int, int], list[Node]] = defaultdict(list)
        for b, (before, after) in zip(new_row, neighbours(new_row)):
            if _free(b):
                places[(partner_id(before), partner_id(after))].append(b)
        for a, (before, after) in zip(row, neighbours(row)):
            if not _free(a) or (before is None and after is None):
                continue
            key = (-1 if before is None else id(before), -1 if after is None else id(after))
            found = places.get(key, [])
            if len(found) == 1:
                slots[id(a)] = found[0]
    return slots


def _slot_sections(old: list[Node], slots: dict[int, Node]) -> None:
    """Pair the sections that stand in each other's place (`_same_slot`) and share a clause."""
    for a in old:
        b = slots.get(id(a))
        if b is not None and _free(a) and _free(b) and any(child.partner is not None and child.partner.parent is b
                                                           for child in a.children):
            _pair(a, b)


def _candidates(olds: list[Node], news: list[Node], threshold: float, bonus: float,
                min_tokens: int) -> list[tuple[float, float, int, Node, Node]]:
    scores = _similarities([n.tokens for n in olds], [n.tokens for n in news])
    found = []
    for i, a in enumerate(olds):
        for j, score in scores[i]:
            b = news[j]
            if score < threshold or min(len(a.tokens), len(b.tokens)) < min_tokens:
                continue
            found.append((score + bonus, -abs(a.position - b.position), a.index + b.index, a, b))
    return found


def _assign(candidates: list[tuple[float, float, int, Node, Node]]) -> None:
    """Best pair first over all candidates, each clause used once."""
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    for *_, a, b in candidates:
        if _free(a) and _free(b):
            _pair(a, b)


def _sections_correspond(a: Node, b: Node) -> bool:
    if a.section is None or b.section is None:
        return a.section is None and b.section is None
    return a.section.partner is b.section


def _similarities(old: list[list[int]], new: list[list[int]]) -> list[list[tuple[int, float]]]:
    """For each old sequence, (new index, similarity) for every new one scoring at least 0.5."""
    cutoff = SAME_SECTION_THRESHOLD
    if len(old) * len(new) > MATRIX_BATCH_CELLS and _has_numpy():
        matrix = process.cdist(old, new, scorer=Indel.normalized_similarity, score_cutoff=cutoff, workers=-1)
        return [[(j, float(score)) for j, score in enumerate(row) if score >= cutoff] for row in matrix]
    result = []
    for query in old:
        found = process.extract(query, new, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None)
        result.append([(index, float(score)) for _, score, index in found])
    return result
