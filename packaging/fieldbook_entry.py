"""The frozen app's entry point: the same ``fieldbook`` command as the installed script."""

import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
