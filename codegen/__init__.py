"""Typed Python bindings from botocore service models."""

__version__ = "0.2.0"
