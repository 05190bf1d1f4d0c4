"""cybergap: compliance gap analysis of cybercrime law against the Budapest Convention."""

__version__ = "0.1.0"
