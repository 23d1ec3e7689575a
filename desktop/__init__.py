"""Fieldbook: an offline-first desktop CRM client. This package holds everything but the widgets."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("fieldbook")
except _metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.1.0"

APP_NAME = "Fieldbook"
