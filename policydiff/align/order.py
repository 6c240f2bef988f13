"""Reading order: which of a set of matched clauses kept their relative order.

A heaviest increasing subsequence of the new positions, taken in old order, is the set of clauses that
stayed in place; every other matched clause moved. Weighted for short lists (a section weighs as much
as its clauses, so one large section staying put outweighs many small ones moving), the plain
longest increasing subsequence for long ones; both O(n log n).
"""

from __future__ import annotations

from bisect import bisect_left

WEIGHTED_LIMIT = 400
"""Up to this many items the weighted search runs; above it, the unweighted one. (The weighted search
was O(n²) when this was set; it is O(n log n) now, and the limit stays because raising it would
change which clauses long lists report as moved.)"""


def longest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Indices of a heaviest increasing subsequence (weighted for short lists, plain LIS for long)."""
    n = len(values)
    if n == 0:
        return set()
    if n <= WEIGHTED_LIMIT:
        previous, end = _heaviest(values, weights)
    else:
        tails: list[int] = []
        tail_index: list[int] = []
        previous = [-1] * n
        for i, value in enumerate(values):
            position = bisect_left(tails, value)
            if position == len(tails):
                tails.append(value)
                tail_index.append(i)
            else:
                tails[position] = value
                tail_index[position] = i
            previous[i] = tail_index[position - 1] if position else -1
        end = tail_index[-1]
    keep = set()
    while end != -1:
        keep.add(end)
        end = previous[end]
    return keep




def _heaviest(values: list[int], weights: list[int]) -> tuple[list[int], int]:
    """The heaviest increasing subsequence (positive weights): each item's predecessor, and the last item.

    Each item follows the heaviest chain ending on a smaller value before it, the earliest such item
    on a tie, and the heaviest chain's first end is the last item: what trying every earlier item in
    order finds, in O(n log n) with a Fenwick tree over the values' ranks that keeps, for each prefix
    of ranks, the heaviest chain and (on a tie) the earliest item ending it."""
    n = len(values)
    rank = {value: position + 1 for position, value in enumerate(sorted(set(values)))}
    size = len(rank)
    tree: list[tuple[int, int]] = [(0, 1)] * (size + 1)  # (chain weight, -item); (0, 1) is "no chain"
    previous = [-1] * n
    best = [0] * n
    for i, value in enumerate(values):
        found = (0, 1)
        position = rank[value] - 1  # smaller values only
        while position > 0:
            if tree[position] > found:
                found = tree[position]
            position -= position & -position
        best[i] = found[0] + weights[i]
        previous[i] = -found[1] if found[0] > 0 else -1
        entry = (best[i], -i)
        position = rank[value]
        while position <= size:
            if entry > tree[position]:
                tree[position] = entry
            position += position & -position
    end = max(range(n), key=lambda i: best[i])
    return previous, end
