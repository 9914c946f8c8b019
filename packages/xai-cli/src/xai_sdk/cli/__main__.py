"""``python -m xai_sdk.cli``: the same as ``xai``."""

import sys

from xai_sdk.cli import main

sys.exit(main())
