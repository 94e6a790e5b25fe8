"""amity: news about international relations in, a traceable database of events out."""

from amity.models import PIPELINE_VERSION as __version__

__all__ = ["__version__"]
