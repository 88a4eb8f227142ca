"""PURE: a second chance for a query nothing contains as written — its words, by ``jieba``.

Substring matching is exact: 高中招生政策 finds nothing when the documents say 高中阶段学校招生政策. Word
segmentation is what helps here: the query becomes its words (高中 招生 政策), each of which must occur,
ranked as any query (phrase first, title before text, newer first). Single-character words (的, 和) are
dropped when longer ones remain. No Django import; ``mypy --strict``.
"""

import logging

import jieba  # type: ignore[import-untyped]

jieba.setLogLevel(logging.WARNING)


def relaxed_query(query: str) -> str | None:
    """The query as its words separated by spaces, or ``None`` when that would not change it."""
    relaxed: list[str] = []
    for part in query.split():
        words = [word for word in jieba.lcut(part) if any(ch.isalnum() for ch in word)]
        longer = [word for word in words if len(word) > 1]
        relaxed.extend(longer or words)
    joined = " ".join(relaxed)
    return joined if relaxed and joined != " ".join(query.split()) else None
