"""Readers: turn paths, URLs and archives into Articles (or Rejections saying why not).

Owner: sources. Public API:
    iter_articles(inputs: Sequence[str], options: ReadOptions | None = None)
        -> Iterator[Article | Rejection]
"""
