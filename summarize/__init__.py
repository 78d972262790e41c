"""summarize: scraped German news articles -> cleaned, translated English summaries and a digest."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .pipeline import run  # noqa: E402  (after __version__, which the writer imports)
from .records import Article  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402

__all__ = ["Article", "Settings", "__version__", "load_settings", "run"]
