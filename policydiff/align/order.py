"""Reading order: which of a set of matched clauses kept their relative order.

A heaviest increasing subsequence of the new positions, taken in old order, is the set of clauses that
stayed in place; every other matched clause moved. Weighted for short lists (a section weighs as much
as its clauses, so one large section staying put outweighs many small ones moving), the plain
O(n log n) longest increasing subsequence for long ones.
"""

from __future__ import annotations

from bisect import bisect_left

WEIGHTED_LIMIT = 400
"""Up to this many items the weighted O(n²) search runs; above it, the unweighted O(n log n) one."""


def longest_increasing(values: list[int], weights: list[int]) -> set[int]:
    """Indices of a heaviest increasing subsequence (weighted for short lists, plain LIS for long)."""
    n = len(values)
    if n == 0:
        return set()
    if n <= WEIGHTED_LIMIT:
        best = list(weights)
        previous = [-1] * n
        for i in range(n):
            for j in range(i):
                if values[j] < values[i] and best[j] + weights[i] > best[i]:
                    best[i], previous[i] = best[j] + weights[i], j
        end = max(range(n), key=lambda i: best[i])
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


