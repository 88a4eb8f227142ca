"""内容雷同: how alike two report texts are, and which texts of many are near copies of each other.

Texts are compared as sets of character shingles (3 consecutive characters) after dropping whitespace,
punctuation and digits, so a copy that only changes the year (2024年 → 2025年) or the figures still
reads as a copy. The measure is the Jaccard index of the two sets: 1.0 for the same text, 0.0 for
texts without a common shingle.

Pure Python: no Django import.
"""

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Mapping
from itertools import combinations
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

SHINGLE = 3
NEARLY_IDENTICAL = 0.8  # from here on, two texts are 内容雷同
MIN_LENGTH = 60  # shorter texts ("无。", a fee sentence) are not compared
COMMON_LIMIT = 100  # shingles found in more texts than this (boilerplate) do not make candidates
CANDIDATE_SHARED = 5  # rare shingles two texts must share before they are compared exactly


@functools.lru_cache(maxsize=4096)
def normalised(text: str) -> str:
    """Letters only: CJK and Latin characters, lower-cased; no digits, spaces or punctuation."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category.startswith("L"):
            kept.append(char.lower())
    return "".join(kept)


@functools.lru_cache(maxsize=4096)
def shingles(text: str) -> frozenset[str]:
    letters = normalised(text)
    if len(letters) < SHINGLE:
        return frozenset({letters}) if letters else frozenset()
    return frozenset(letters[i : i + SHINGLE] for i in range(len(letters) - SHINGLE + 1))


def comparable(text: str | None) -> bool:
    return text is not None and len(normalised(text)) >= MIN_LENGTH


def similarity(first: str, second: str) -> float:
    """Jaccard index of the two texts' shingle sets (0.0–1.0)."""
    a, b = shingles(first), shingles(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def nearly_identical(first: str | None, second: str | None, threshold: float = NEARLY_IDENTICAL) -> bool:
    if first is None or second is None or not comparable(first) or not comparable(second):
        return False
    return similarity(first, second) >= threshold


def _candidates(sets: Mapping[K, frozenset[str]]) -> set[tuple[K, K]]:
    order = {key: position for position, key in enumerate(sets)}
    candidates: set[tuple[K, K]] = set()
    copies: dict[frozenset[str], list[K]] = defaultdict(list)  # word-for-word copies, however many
    for key, found in sets.items():
        copies[found].append(key)
    for keys in copies.values():
        candidates.update(combinations(keys, 2))
    index: dict[str, list[K]] = defaultdict(list)
    for key, found in sets.items():
        for shingle in found:
            index[shingle].append(key)
    shared: dict[tuple[K, K], int] = defaultdict(int)
    for keys in index.values():
        if 1 < len(keys) <= COMMON_LIMIT:
            for pair in combinations(sorted(keys, key=order.__getitem__), 2):
                shared[pair] += 1
    candidates.update(pair for pair, rare in shared.items() if rare >= CANDIDATE_SHARED)
    return candidates


def similar_pairs(texts: Mapping[K, str], threshold: float = NEARLY_IDENTICAL) -> list[tuple[K, K, float]]:
    """Every pair of texts at or above ``threshold``, most alike first.

    Candidates are the texts with the same shingles (copies, however many) and the pairs that share
    shingles few texts have (an inverted index without the boilerplate every report repeats); only
    they are compared exactly, so a region's hundreds of reports are checked without comparing each
    with each.
    """
    sets = {key: shingles(text) for key, text in texts.items() if comparable(text)}
    order = {key: position for position, key in enumerate(sets)}
    pairs = []
    for first, second in _candidates(sets):
        a, b = sets[first], sets[second]
        score = len(a & b) / len(a | b)
        if score >= threshold:
            pairs.append((first, second, score))
    pairs.sort(key=lambda pair: (-pair[2], order[pair[0]], order[pair[1]]))
    return pairs
