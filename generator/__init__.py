"""gongshi (公示): validate public-resource-trading notices and build the portal."""

__version__ = "0.1.0"
