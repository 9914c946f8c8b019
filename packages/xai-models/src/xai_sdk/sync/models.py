"""The official SDK's module of the blocking models sub-client: ``Client`` is ``client.models``'s class.

It has the names of `xai_sdk.models` too, as the official module does (and more).
"""

from xai_sdk import models
from xai_sdk._compat import tracing_names
from xai_sdk.models import *  # noqa: F403
from xai_sdk.models import SyncModels as Client
from xai_sdk.proto import models_pb2

__all__ = ["Client", "models_pb2"]
__all__ += models.__all__
__getattr__ = tracing_names(__name__)
