"""summarize: scraped German news articles -> cleaned, translated English summaries and a digest."""

import logging

from .pipeline import run
from .records import Article
from .settings import Settings, load_settings
from .version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Article", "Settings", "__version__", "load_settings", "run"]
