"""The official SDK's module of the blocking tokenizer sub-client: ``Client`` is ``client.tokenize``'s class.

It has the names of `xai_sdk.tokenizer` too, as the official module does (and more).
"""

from xai_sdk import tokenizer
from xai_sdk._compat import tracing_names
from xai_sdk.proto import tokenize_pb2
from xai_sdk.tokenizer import *  # noqa: F403
from xai_sdk.tokenizer import SyncTokenizer as Client

__all__ = ["Client", "tokenize_pb2"]
__all__ += tokenizer.__all__
__getattr__ = tracing_names(__name__)
