"""mlops-scaffold: production-shaped ML projects from the first commit."""

__version__ = "0.1.0"
