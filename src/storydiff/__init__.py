"""storydiff: what many news reports of one story agree on, dispute and leave out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storydiff")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

from .model import Report  # noqa: E402
from .pipeline import analyze, analyze_stream  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["Report", "Settings", "analyze", "analyze_stream", "__version__"]
