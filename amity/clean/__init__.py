"""Cleaning: Article -> Document (or Rejection). Boilerplate removal and metadata.

Owner: clean. Public API:
    clean(article: Article, options: CleanOptions | None = None) -> Document | Rejection
"""
