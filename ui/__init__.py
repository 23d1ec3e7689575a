"""The Qt widgets. The only package that imports PySide6; it never runs SQL or HTTP."""
