"""``python -m xai_sdk.emulator``: same as ``xai-emulator``."""

import sys

from xai_sdk.emulator.cli import main

sys.exit(main())
