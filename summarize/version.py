"""The tool's version: written into every article's JSON and run.json, so outputs say what made them."""

__version__ = "0.1.0"
