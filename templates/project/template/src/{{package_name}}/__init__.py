"""The model's training pipeline and its prediction service.

Importing the package loads nothing heavy: the serving image has no scikit-learn or pandas.
"""

__version__ = "0.1.0"
