"""The ``xai`` command line: the xAI API from a shell.

Commands: ``xai chat``, ``xai models``, ``xai tokenize``, ``xai image``, ``xai files ...``,
``xai collections ...`` and ``xai emulator``; ``xai COMMAND --help`` describes each. It reads
the same environment as the SDK (``XAI_API_KEY``, ``XAI_API_HOST``, ...). Run it as ``xai`` or
``python -m xai_sdk.cli``; from Python, `main` takes the arguments and returns the exit status::

    from xai_sdk.cli import main

    status = main(["tokenize", "Hello, world!"])
"""

from xai_sdk.cli._main import main

__all__ = ["main"]
