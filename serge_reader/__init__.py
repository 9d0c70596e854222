"""Serge Reader: a desktop reading companion for the works of Victor Serge."""

__version__ = "0.1.0"
