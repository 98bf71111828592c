"""xinyu: a static resource portal generator for school mental-health work."""

__version__ = "0.1.0"
