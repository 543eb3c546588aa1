"""Full-text search over the library's clauses and guided answers (Whoosh, cached per user)."""

from guidance_app.core.errors import SearchIndexError
from guidance_app.core.search.engine import SearchEngine, SearchHit, SearchResults

__all__ = ["SearchEngine", "SearchHit", "SearchIndexError", "SearchResults"]
