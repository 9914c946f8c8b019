"""The calls the drop-in tests make with both SDKs: one catalogue of cases, data and code.

Each `Case` is a function of a `harness.Target` (``t``) that calls the SDK as users do
(``t.client.image.sample(...)``, ``await t.call(...)`` around anything the async client must
await) and returns what it got; the harness summarizes it. The same function runs in the
official SDK's environment and in this one, in both modes, so it uses only names both SDKs
have, imports the SDK inside the function, and needs nothing but the standard library at import.

`CONTROLS` are actions on the emulator a case may ask for (``await t.control("script_chat",
...)``); they run in the test process only.

A case whose outcome differs on purpose says why in `deliberate` and what this SDK does
instead in `ours`; the tests check both.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CHAT = "grok-4"
IMAGE = "grok-imagine-image"
VIDEO = "grok-imagine-video"
EMBEDDING = "grok-embedding-small"
URL = "https://example.com/cat.jpg"
DATA_URL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="
VIDEO_URL = "https://example.com/clip.mp4"
FAST = datetime.timedelta(milliseconds=5)
"""Polling interval of deferred calls: the emulator answers at once."""


@dataclass(frozen=True)
class Ours:
    """What this SDK does in a case where it differs on purpose: raise `raises` (a builtin
    exception name) with `contains` in its message, or return (``raises=None``)."""

    raises: str | None = None
    contains: str = ""


@dataclass(frozen=True)
class Case:
    """One call sequence, run with both SDKs in both modes and compared."""

    name: str
    """``<sub-client>.<method>.<what>``: the first two parts name the public method covered."""
    run: Callable[[Any], Any]
    deliberate: str | None = None
    """Why this SDK's outcome differs from the official one, if it does on purpose."""
    ours: Ours | None = None
    """With `deliberate`: this SDK's outcome."""
    unordered: bool = False
    """The requests may reach the emulator in any order (concurrent calls)."""
    match: tuple[str, ...] = ()
    """For a pydantic error of the official SDK: the messages ours must contain (default: all)."""
    deadline: bool = False
    """Compare the deadline the calls arrive with (to the nearest 100 s)."""
    deliberate_in: tuple[str, ...] = ("sync", "async")
    """The modes in which the difference shows (the others must agree)."""
    masks: tuple[str, ...] = ()
    """Regular expressions of what error messages may say differently (a time measured)."""
    collapse_repeats: bool = False
    """Compare the requests with runs of the same request counted once (polls until a timeout)."""


CASES: list[Case] = []


def case(
    name: str,
    *,
    deliberate: str | None = None,
    ours: Ours | None = None,
    unordered: bool = False,
    match: tuple[str, ...] = (),
    deadline: bool = False,
    deliberate_in: tuple[str, ...] = ("sync", "async"),
    masks: tuple[str, ...] = (),
    collapse_repeats: bool = False,
) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Register the decorated function as a case."""

    def register(run: Callable[[Any], Any]) -> Callable[[Any], Any]:
        add(
            name,
            run,
            deliberate=deliberate,
            ours=ours,
            unordered=unordered,
            match=match,
            deadline=deadline,
            deliberate_in=deliberate_in,
            masks=masks,
            collapse_repeats=collapse_repeats,
        )
        return run

    return register


def add(name: str, run: Callable[[Any], Any], **options: Any) -> None:
    """Register a case (for one-liners and cases made in loops)."""
    if any(existing.name == name for existing in CASES):
        raise ValueError(f"two cases are named {name!r}")
    CASES.append(Case(name, run, **options))


# -- emulator controls (run in the test process) ----------------------------------------------

CONTROLS: dict[str, Callable[..., Any]] = {}


def control(function: Callable[..., Any]) -> Callable[..., Any]:
    """Register an emulator action; it gets the emulator, then the case's JSON arguments."""
    CONTROLS[function.__name__] = function
    return function


@control
def script_chat(emulator: Any, *replies: dict[str, Any]) -> None:
    """Queue chat replies: each a dict of `Reply` fields (``tool_calls`` as [name, arguments])."""
    from xai_sdk.emulator.chat import Reply, ToolCallReply

    def reply(fields: dict[str, Any]) -> Any:
        fields = dict(fields)
        fields["tool_calls"] = [ToolCallReply(*call) for call in fields.get("tool_calls", ())]
        if "outputs" in fields:
            fields["outputs"] = [reply(output) for output in fields["outputs"]]
        return Reply(**fields)

    emulator.chat.script(*(reply(fields) for fields in replies))


@control
def add_file(emulator: Any, name: str, text: str) -> str:
    """Store a file as if uploaded (its content type from its name); returns its id."""
    from xai_sdk.emulator._library import content_type_of

    return str(emulator.files.add_file(name, text.encode(), content_type=content_type_of(name)).id)


@control
def moderate_next_image(emulator: Any) -> None:
    """Withhold the next image, as moderation would."""
    emulator.image.moderate_next()


@control
def fail_next_video(emulator: Any, code: str | None, message: str) -> None:
    """Make the next video job fail with this error (no details when `code` is None)."""
    emulator.video.fail_next(code, message)


@control
def expire_next_video(emulator: Any) -> None:
    """Make the next video job expire."""
    emulator.video.expire_next()


@control
def fail_next_indexing(emulator: Any, message: str) -> None:
    """Make the next document indexing fail."""
    emulator.collections.fail_indexing(1, message)


@control
def deferred_polls(emulator: Any, service: str, polls: int) -> None:
    """Make deferred chat completions or video jobs take `polls` polls."""
    getattr(emulator, service).deferred_polls = polls


@control
def fail_next_batch_request(emulator: Any) -> None:
    """Make the next processed batch request fail."""
    emulator.batch.fail_next()


# -- helpers ----------------------------------------------------------------------------------


def _chat(t: Any, *messages: Any, **settings: Any) -> Any:
    from xai_sdk.chat import user

    return t.client.chat.create(CHAT, messages=list(messages) or [user("Hello there")], **settings)


def created(**settings: Any) -> Callable[[Any], Any]:
    """A case that creates a chat with `settings` and shows its request (no RPC)."""
    return lambda t: _chat(t, **settings).proto


def sampled(**settings: Any) -> Callable[[Any], Any]:
    """A case that creates a chat with `settings`, samples it, and shows request and answer."""

    async def run(t: Any) -> Any:
        chat = _chat(t, **settings)
        response = await t.call(chat.sample())
        return {"response": response, "request": chat.proto, "messages": chat.messages}

    return run


async def _uploaded(t: Any, name: str = "notes.txt", text: str = "Transformers use attention.") -> str:
    return str(await t.control("add_file", name, text))


async def _collection(t: Any, **options: Any) -> Any:
    return await t.call(t.client.collections.create("papers", **options))


async def _document(t: Any) -> tuple[str, str]:
    collection = await _collection(t)
    document = await t.call(
        t.client.collections.upload_document(
            collection.collection_id, "attention.txt", b"Attention is all you need.", {"year": "2017"}
        )
    )
    return collection.collection_id, document.file_metadata.file_id


# == client ===================================================================================


@case("client.init.no_api_key")
def _(t: Any) -> Any:
    return t.new_client(api_key=None)


@case("client.init.empty_api_key")
def _(t: Any) -> Any:
    return t.new_client(api_key="")


@case("client.init.timeout_zero", deadline=True)
async def _(t: Any) -> Any:
    client = t.new_client(timeout=0)
    return await t.call(client.models.list_language_models())


@case("client.init.timeout", deadline=True)
async def _(t: Any) -> Any:
    client = t.new_client(timeout=300)
    return await t.call(client.models.list_language_models())


@case(
    "client.init.timeout_negative",
    deliberate="a negative timeout is refused; with the official SDK every call then fails DEADLINE_EXCEEDED",
    ours=Ours("ValueError", "timeout must be a positive"),
)
async def _(t: Any) -> Any:
    client = t.new_client(timeout=-5)
    return await t.call(client.models.list_language_models())


@case("client.init.metadata")
async def _(t: Any) -> Any:
    client = t.new_client(metadata=(("x-team", "ml"),), channel_options=[("grpc.enable_retries", 0)])
    return await t.call(client.auth.get_api_key_info())


@case("client.init.no_management_key")
async def _(t: Any) -> Any:
    client = t.new_client(management_api_key=None)
    return await t.call(client.collections.create("papers"))


@case(
    "client.init.no_management_key_upload",
    deliberate="no management key: upload_document fails before uploading (the official SDK uploads first)",
    ours=Ours("ValueError", "Please provide a management API key."),
)
async def _(t: Any) -> Any:
    client = t.new_client(management_api_key=None)
    return await t.call(client.collections.upload_document("collection-1", "a.txt", b"alpha"))


@case("client.init.no_management_key_search")
async def _(t: Any) -> Any:
    client = t.new_client(management_api_key=None)
    return await t.call(client.collections.search("attention", ["collection-1"]))


# == auth, models, tokenize ===================================================================

add("auth.get_api_key_info.ok", lambda t: t.call(t.client.auth.get_api_key_info()))

add("models.list_language_models.ok", lambda t: t.call(t.client.models.list_language_models()))
add("models.get_language_model.ok", lambda t: t.call(t.client.models.get_language_model(CHAT)))
add("models.get_language_model.alias", lambda t: t.call(t.client.models.get_language_model("grok-4-latest")))
add("models.get_language_model.unknown", lambda t: t.call(t.client.models.get_language_model("grok-99")))
add("models.get_language_model.not_a_string", lambda t: t.call(t.client.models.get_language_model(4)))
add(
    "models.get_language_model.empty",
    lambda t: t.call(t.client.models.get_language_model("")),
    deliberate="an empty model name is refused before the call (the API answers NOT_FOUND)",
    ours=Ours("ValueError", "name must not be empty"),
)
add(
    "models.get_language_model.none",
    lambda t: t.call(t.client.models.get_language_model(None)),
    deliberate="a missing model name is refused before the call (the API answers NOT_FOUND)",
    ours=Ours("TypeError", "name must be a string"),
)
add("models.list_embedding_models.ok", lambda t: t.call(t.client.models.list_embedding_models()))
add("models.get_embedding_model.ok", lambda t: t.call(t.client.models.get_embedding_model(EMBEDDING)))
add("models.get_embedding_model.unknown", lambda t: t.call(t.client.models.get_embedding_model("nope")))
add(
    "models.list_image_generation_models.ok",
    lambda t: t.call(t.client.models.list_image_generation_models()),
)
add(
    "models.get_image_generation_model.ok",
    lambda t: t.call(t.client.models.get_image_generation_model(IMAGE)),
)
add(
    "models.get_image_generation_model.unknown",
    lambda t: t.call(t.client.models.get_image_generation_model("nope")),
)

add("tokenize.tokenize_text.ok", lambda t: t.call(t.client.tokenize.tokenize_text("Hello, world!", CHAT)))
add("tokenize.tokenize_text.empty", lambda t: t.call(t.client.tokenize.tokenize_text("", CHAT)))
add(
    "tokenize.tokenize_text.unknown_model", lambda t: t.call(t.client.tokenize.tokenize_text("Hi", "grok-99"))
)
add("tokenize.tokenize_text.not_a_string", lambda t: t.call(t.client.tokenize.tokenize_text(42, CHAT)))


# == chat: create() and its settings ==========================================================

add("chat.create.default", created())
add("chat.sample.default", sampled())


@case("chat.create.every_role")
async def _(t: Any) -> Any:
    from xai_sdk.chat import assistant, developer, file, image, system, text, tool_result, user

    chat = t.client.chat.create(
        CHAT,
        messages=[
            system("You are terse."),
            developer("Answer in English."),
            user("Describe", image(URL), image(DATA_URL, detail="high"), image(URL, detail="low")),
            user(
                text("Read"),
                file("file-123"),
                file(data=b"%PDF-1.4", filename="a.pdf", mime_type="application/pdf"),
            ),
            user(file(url="https://example.com/a.pdf", filename="a.pdf")),
            assistant("Sure."),
            tool_result('{"ok": true}', "call-1"),
            tool_result("done"),
            user("Go on"),
        ],
    )
    return {"response": await t.call(chat.sample()), "request": chat.proto}


add(
    "chat.create.scalar_settings",
    sampled(
        user="user-7",
        safety_identifier="hash-7",
        max_tokens=50,
        seed=7,
        stop=["STOP", "END"],
        temperature=0.5,
        top_p=0.9,
        logprobs=True,
        top_logprobs=3,
        parallel_tool_calls=False,
        frequency_penalty=0.25,
        presence_penalty=-0.25,
        store_messages=False,
        use_encrypted_content=True,
        max_turns=3,
        conversation_id="conversation-1",
        batch_request_id="request-1",
    ),
)
add("chat.create.temperature_int", sampled(temperature=1))
add("chat.create.logprobs_int", created(logprobs=1))
add("chat.create.temperature_not_a_number", created(temperature="hot"))
add("chat.create.max_tokens_not_an_int", created(max_tokens="10"))
add("chat.create.max_tokens_float", created(max_tokens=10.0))
add("chat.create.max_tokens_bool", created(max_tokens=True))
add("chat.create.seed_out_of_range", created(seed=2**40))
add("chat.create.logprobs_text", created(logprobs="yes"))
add("chat.create.user_not_a_string", created(user=7))
add(
    "chat.create.stop_string",
    created(stop="END"),
    deliberate="the official SDK sends a string `stop` as one stop sequence per character",
    ours=Ours(),
)
add(
    "chat.create.temperature_out_of_range",
    created(temperature=5),
    deliberate="an out-of-range temperature is refused before the call (the API takes 0 to 2)",
    ours=Ours("ValueError", "temperature must be between 0 and 2"),
)
add(
    "chat.create.top_logprobs_without_logprobs",
    created(top_logprobs=3),
    deliberate="top_logprobs without logprobs=True is refused before the call (the API requires it)",
    ours=Ours("ValueError", "top_logprobs requires logprobs=True"),
)


add(
    "chat.create.temperature_decimal",
    lambda t: _chat(t, temperature=__import__("decimal").Decimal("0.5")).proto,
)
add("chat.create.temperature_bool", created(temperature=True))
add(
    "chat.create.max_tokens_zero",
    created(max_tokens=0),
    deliberate="max_tokens below 1 is refused before the call (the API needs room for an answer)",
    ours=Ours("ValueError", "max_tokens must be between 1"),
)


@case(
    "chat.create.model_empty",
    deliberate="an empty model name is refused before the call (the API answers NOT_FOUND)",
    ours=Ours("ValueError", "model must be a model name"),
)
def _(t: Any) -> Any:
    return t.client.chat.create("").proto


@case("chat.create.messages_not_messages")
def _(t: Any) -> Any:
    return t.client.chat.create(CHAT, messages=["Hello"]).proto


@case("chat.create.tools_not_tools")
def _(t: Any) -> Any:
    return _chat(t, tools=["web_search"]).proto


@case("chat.create.model_not_a_string")
def _(t: Any) -> Any:
    return t.client.chat.create(4).proto


# tools and tool_choice


def _weather_tool() -> Any:
    from xai_sdk.chat import tool

    return tool(
        "get_weather",
        "The weather in a city",
        {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    )


for _mode in ("auto", "none", "required"):
    add(
        f"chat.create.tool_choice_{_mode}",
        lambda t, mode=_mode: _chat(t, tools=[_weather_tool()], tool_choice=mode).proto,
    )
add(
    "chat.create.tool_choice_invalid",
    lambda t: _chat(t, tools=[_weather_tool()], tool_choice="sometimes").proto,
)


@case("chat.create.required_tool")
def _(t: Any) -> Any:
    from xai_sdk.chat import required_tool

    return _chat(t, tools=[_weather_tool()], tool_choice=required_tool("get_weather")).proto


@case("chat.sample.tool_call")
async def _(t: Any) -> Any:
    from xai_sdk.chat import tool_result

    await t.control(
        "script_chat", {"tool_calls": [["get_weather", {"city": "Paris"}, "call-1"]]}, {"content": "Sunny."}
    )
    chat = _chat(t, tools=[_weather_tool()])
    first = await t.call(chat.sample())
    chat.append(first)
    for call in first.tool_calls:
        chat.append(tool_result('{"sky": "clear"}', call.id))
    second = await t.call(chat.sample())
    return {"first": first, "second": second, "messages": chat.messages}


@case("chat.create.server_side_tools")
async def _(t: Any) -> Any:
    from xai_sdk.tools import code_execution, collections_search, image_generation, mcp, web_search, x_search

    tools = [
        web_search(
            excluded_domains=["spam.example"],
            enable_image_understanding=True,
            enable_image_search=True,
            user_location_country="FR",
            user_location_city="Paris",
        ),
        web_search(allowed_domains=["wikipedia.org"]),
        x_search(
            from_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),
            to_date=datetime.datetime(2025, 2, 1, tzinfo=datetime.timezone.utc),
            allowed_x_handles=["xai"],
            enable_image_understanding=True,
            enable_video_understanding=True,
        ),
        x_search(excluded_x_handles=["spam"]),
        code_execution(),
        collections_search(
            ["collection-1"], limit=3, instructions="Prefer recent", retrieval_mode="semantic"
        ),
        collections_search(["collection-2"], retrieval_mode="hybrid"),
        mcp(
            "https://mcp.example.com",
            server_label="docs",
            server_description="Docs",
            allowed_tool_names=["search"],
            authorization="token",
            extra_headers={"x-a": "b"},
        ),
        image_generation(),
        image_generation("edit"),
    ]
    chat = _chat(t, tools=tools, include=["web_search_call_output", "inline_citations"])
    return {"response": await t.call(chat.sample()), "request": chat.proto}


@case("chat.create.collections_search_modes")
def _(t: Any) -> Any:
    from xai_sdk.proto import documents_pb2
    from xai_sdk.tools import collections_search

    return [
        collections_search(["c"], retrieval_mode="keyword"),
        collections_search(["c"], retrieval_mode=documents_pb2.KeywordRetrieval()),
        collections_search(["c"], retrieval_mode=documents_pb2.SemanticRetrieval()),
        collections_search(["c"], retrieval_mode=documents_pb2.HybridRetrieval()),
    ]


@case("chat.create.collections_search_invalid_mode")
def _(t: Any) -> Any:
    from xai_sdk.tools import collections_search

    return collections_search(["c"], retrieval_mode="fuzzy")


@case("chat.create.tool_call_type")
async def _(t: Any) -> Any:
    from xai_sdk.tools import get_tool_call_type

    await t.control("script_chat", {"tool_calls": [["get_weather", {"city": "Oslo"}, "call-9"]]})
    response = await t.call(_chat(t, tools=[_weather_tool()]).sample())
    return [get_tool_call_type(call) for call in response.tool_calls]


# response_format

for _format in ("text", "json_object", "json_schema"):
    add(f"chat.create.response_format_{_format}", sampled(response_format=_format))
add("chat.create.response_format_invalid", created(response_format="yaml"))


@case("chat.create.response_format_model")
async def _(t: Any) -> Any:
    from pydantic import BaseModel

    class City(BaseModel):
        name: str
        population: int

    return await sampled(response_format=City)(t)


@case("chat.create.response_format_proto")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    return _chat(
        t, response_format=chat_pb2.ResponseFormat(format_type=chat_pb2.FORMAT_TYPE_JSON_OBJECT)
    ).proto


# reasoning_effort

for _effort in ("none", "low", "medium", "high", "xhigh"):
    add(f"chat.create.reasoning_effort_{_effort}", created(reasoning_effort=_effort))
add("chat.sample.reasoning", sampled(reasoning_effort="high"))
add("chat.create.reasoning_effort_invalid", created(reasoning_effort="extreme"))


@case("chat.create.reasoning_effort_enum")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    return _chat(t, reasoning_effort=chat_pb2.EFFORT_LOW).proto


# search_parameters


@case("chat.create.search_parameters")
async def _(t: Any) -> Any:
    from xai_sdk.search import SearchParameters, news_source, rss_source, web_source, x_source

    parameters = SearchParameters(
        sources=[
            web_source(country="FR", excluded_websites=["spam.example"], safe_search=False),
            web_source(allowed_websites=["wikipedia.org"]),
            news_source(country="US", excluded_websites=["tabloid.example"]),
            x_source(included_x_handles=["xai"], post_favorite_count=10, post_view_count=100),
            x_source(excluded_x_handles=["spam"]),
            rss_source(["https://example.com/feed.xml"]),
        ],
        mode="on",
        from_date=datetime.datetime(2025, 1, 1),
        to_date=datetime.datetime(2025, 6, 1),
        return_citations=False,
        max_search_results=5,
    )
    return await sampled(search_parameters=parameters)(t)


@case("chat.create.search_parameters_default")
def _(t: Any) -> Any:
    from xai_sdk.search import SearchParameters

    return _chat(t, search_parameters=SearchParameters()).proto


@case("chat.create.search_parameters_proto")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    return _chat(t, search_parameters=chat_pb2.SearchParameters(mode=chat_pb2.OFF_SEARCH_MODE)).proto


@case("chat.create.search_mode_invalid")
def _(t: Any) -> Any:
    from xai_sdk.search import SearchParameters

    return _chat(t, search_parameters=SearchParameters(mode="sometimes")).proto


# include, agent_count, service_tier

_INCLUDE = [
    "web_search_call_output",
    "x_search_call_output",
    "code_execution_call_output",
    "collections_search_call_output",
    "attachment_search_call_output",
    "mcp_call_output",
    "inline_citations",
    "verbose_streaming",
]
add("chat.create.include_every_option", created(include=_INCLUDE))
add("chat.create.include_invalid", created(include=["bogus"]))


@case("chat.create.include_enum")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    return _chat(t, include=[chat_pb2.INCLUDE_OPTION_CODE_EXECUTION_FILES_OUTPUT]).proto


add("chat.create.agent_count_4", created(agent_count=4))
add("chat.create.agent_count_16", created(agent_count=16))
add("chat.create.agent_count_invalid", created(agent_count=8))


@case(
    "chat.create.agent_count_enum",
    deliberate="the official SDK maps the proto enum value (1) through the 4/16 table and refuses it",
    ours=Ours(),
)
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    return _chat(t, agent_count=chat_pb2.AGENT_COUNT_4).proto


add("chat.create.service_tier_default", created(service_tier="default"))
add("chat.sample.service_tier_priority", sampled(service_tier="priority"))
add("chat.create.service_tier_invalid", created(service_tier="gold"))


@case("chat.create.service_tier_enum")
def _(t: Any) -> Any:
    from xai_sdk.proto import usage_pb2

    return _chat(t, service_tier=usage_pb2.SERVICE_TIER_PRIORITY).proto


# guidelines

_GUIDELINE = {"type": "policy", "category": "violence", "behavior": "decline"}
add(
    "chat.create.guidelines",
    created(
        guidelines=[
            {"type": "policy", "category": "nsfw", "behavior": "decline"},
            _GUIDELINE,
            {"type": "policy", "category": "profanity", "behavior": "decline"},
        ]
    ),
)
add("chat.create.guidelines_empty", created(guidelines=[]))
add("chat.create.guidelines_extra_key", created(guidelines=[{**_GUIDELINE, "note": "ignored"}]))
add("chat.create.guidelines_bad_category", created(guidelines=[{**_GUIDELINE, "category": "gore"}]))
add("chat.create.guidelines_bad_behavior", created(guidelines=[{**_GUIDELINE, "behavior": "allow"}]))
add("chat.create.guidelines_bad_type", created(guidelines=[{**_GUIDELINE, "type": "rule"}]))
add(
    "chat.create.guidelines_missing_type",
    created(guidelines=[{"category": "nsfw", "behavior": "decline"}]),
)
add("chat.create.guidelines_not_a_dict", created(guidelines=["nsfw"]))


@case("chat.create.guidelines_proto")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    guideline = chat_pb2.Guideline(
        policy=chat_pb2.PolicyGuideline(
            category=chat_pb2.GUIDELINE_CATEGORY_NSFW, behavior=chat_pb2.GUIDELINE_BEHAVIOR_DECLINE
        )
    )
    return _chat(t, guidelines=[guideline]).proto


# message helpers


@case("chat.file.none")
def _(t: Any) -> Any:
    from xai_sdk.chat import file

    return file()


@case("chat.file.two_sources")
def _(t: Any) -> Any:
    from xai_sdk.chat import file

    return file("file-1", url="https://example.com/a.pdf")


@case("chat.file.id_with_filename")
def _(t: Any) -> Any:
    from xai_sdk.chat import file

    return file("file-1", filename="a.pdf")


@case(
    "chat.image.detail_invalid",
    deliberate="an unknown detail is refused; the official SDK silently uses 'auto'",
    ours=Ours("ValueError", "Invalid image detail"),
)
def _(t: Any) -> Any:
    from xai_sdk.chat import image

    return image(URL, detail="ultra")


@case("chat.image.not_a_url")
def _(t: Any) -> Any:
    from xai_sdk.chat import image

    return [image("cat.jpg"), image("iVBORw0KGgo=", detail="low"), image("")]


@case("chat.tool.parameters")
def _(t: Any) -> Any:
    from xai_sdk.chat import tool

    return [
        tool("f", "A function", {"type": "object", "properties": {}}),
        tool("g", "", {}),
        tool("h", "No arguments", {"properties": {"x": {"type": "integer"}}}),
    ]


@case(
    "chat.tool.parameters_not_an_object",
    deliberate="a parameters schema not of an object is refused (the API calls functions with objects)",
    ours=Ours("ValueError", "parameters must describe an object"),
)
def _(t: Any) -> Any:
    from xai_sdk.chat import tool

    return tool("f", "A function", {"type": "string"})


@case("chat.tool.parameters_not_serializable")
def _(t: Any) -> Any:
    from xai_sdk.chat import tool

    return tool("f", "A function", {"type": "object", "default": object()})


@case("chat.user.not_content")
def _(t: Any) -> Any:
    from xai_sdk.chat import user

    return user(42)


# == chat: the Chat object ====================================================================


@case("chat.append.response")
async def _(t: Any) -> Any:
    from xai_sdk.chat import user

    chat = _chat(t)
    first = await t.call(chat.sample())
    chat.append(first).append(user("And then?"))
    return {"second": await t.call(chat.sample()), "messages": chat.messages}


@case("chat.append.invalid")
def _(t: Any) -> Any:
    return _chat(t).append(42)


@case("chat.append.proto_message")
def _(t: Any) -> Any:
    from xai_sdk.proto import chat_pb2

    chat = _chat(t)
    chat.append(chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="Hi")]))
    return chat.messages


@case("chat.sample.no_messages")
async def _(t: Any) -> Any:
    return await t.call(t.client.chat.create(CHAT).sample())


@case("chat.sample.scripted")
async def _(t: Any) -> Any:
    await t.control(
        "script_chat",
        {"content": "Paris.", "reasoning_content": "Capital.", "citations": ["https://example.com/paris"]},
    )
    return await sampled()(t)


@case("chat.sample.multi_output")
async def _(t: Any) -> Any:
    from xai_sdk.tools import web_search

    await t.control("script_chat", {"outputs": [{"content": "Searching."}, {"content": "Found it."}]})
    chat = _chat(t, tools=[web_search()])
    response = await t.call(chat.sample())
    chat.append(response)
    return {"response": response, "messages": chat.messages}


@case("chat.stream.ok")
async def _(t: Any) -> Any:
    await t.control(
        "script_chat", {"content": "One two three four.", "reasoning_content": "Hmm.", "chunk_size": 5}
    )
    chat = _chat(t)
    items = await t.collect(chat.stream())
    response = items[-1][0] if items else None
    return {"chunks": [chunk for _, chunk in items], "response": response}


@case("chat.stream.tool_call")
async def _(t: Any) -> Any:
    await t.control("script_chat", {"tool_calls": [["get_weather", {"city": "Rome"}, "call-3"]]})
    items = await t.collect(_chat(t, tools=[_weather_tool()]).stream())
    return {"chunks": [chunk for _, chunk in items], "response": items[-1][0]}


@case("chat.stream.no_messages")
async def _(t: Any) -> Any:
    return await t.collect(t.client.chat.create(CHAT).stream())


@case("chat.sample_batch.ok")
async def _(t: Any) -> Any:
    return await t.call(_chat(t).sample_batch(2))


@case("chat.stream_batch.ok")
async def _(t: Any) -> Any:
    await t.control("script_chat", {"content": "Alpha beta.", "chunk_size": 4})
    items = await t.collect(_chat(t).stream_batch(2))
    responses = items[-1][0]
    return {"chunks": [chunks for _, chunks in items], "contents": [r.content for r in responses]}


@case("chat.defer.ok")
async def _(t: Any) -> Any:
    chat = _chat(t)
    return {
        "response": await t.call(chat.defer(timeout=datetime.timedelta(seconds=30), interval=FAST)),
        "request": chat.proto,
    }


@case("chat.defer.zero_timeout_and_interval")
async def _(t: Any) -> Any:
    return await t.call(_chat(t).defer(timeout=0, interval=datetime.timedelta(0)))


@case("chat.defer.expired")
async def _(t: Any) -> Any:
    await t.control("script_chat", {"content": "Late.", "deferred": "expired"})
    return await t.call(_chat(t).defer(interval=FAST))


@case("chat.defer.failed")
async def _(t: Any) -> Any:
    await t.control("script_chat", {"content": "Broken.", "deferred": "failed"})
    return await t.call(_chat(t).defer(interval=FAST))


@case("chat.defer.timeout", masks=(r"after [0-9.]+s",), collapse_repeats=True)
async def _(t: Any) -> Any:
    await t.control("deferred_polls", "chat", 10_000)
    return await t.call(_chat(t).defer(timeout=datetime.timedelta(milliseconds=30), interval=FAST))


add(
    "chat.sample_batch.zero",
    lambda t: t.call(_chat(t).sample_batch(0)),
    deliberate="n below 1 is refused before the call (the API needs at least one answer)",
    ours=Ours("ValueError", "n must be between 1"),
)


@case("chat.defer_batch.ok")
async def _(t: Any) -> Any:
    return await t.call(_chat(t).defer_batch(2, interval=FAST))


@case("chat.parse.ok")
async def _(t: Any) -> Any:
    from pydantic import BaseModel

    class Recipe(BaseModel):
        title: str
        minutes: int
        vegetarian: bool

    response, recipe = await t.call(_chat(t).parse(Recipe))
    return {"response": response, "parsed": recipe.model_dump()}


@case(
    "chat.parse.response_format_kept",
    deliberate="parse() leaves the chat's response_format as it was; the official SDK overwrites it",
    ours=Ours(),
)
async def _(t: Any) -> Any:
    from pydantic import BaseModel

    class Point(BaseModel):
        x: int

    chat = _chat(t, response_format="text")
    await t.call(chat.parse(Point))
    await t.call(chat.sample())
    return chat.proto


@case("chat.compact.ok")
async def _(t: Any) -> Any:
    from xai_sdk.chat import assistant, user

    chat = _chat(t, user("First question"), assistant("First answer"), user("Second question"))
    compacted = await t.call(chat.compact())
    return {"compacted": compacted, "messages": chat.messages, "next": await t.call(chat.sample())}


# == chat: the client's stored completions and compaction =====================================


@case("chat.get_stored_completion.ok")
async def _(t: Any) -> Any:
    response = await t.call(_chat(t, store_messages=True).sample())
    return await t.call(t.client.chat.get_stored_completion(response.id))


add("chat.get_stored_completion.unknown", lambda t: t.call(t.client.chat.get_stored_completion("nope")))


@case("chat.delete_stored_completion.ok")
async def _(t: Any) -> Any:
    response = await t.call(_chat(t, store_messages=True).sample())
    deleted = await t.call(t.client.chat.delete_stored_completion(response.id))
    return {"deleted": deleted}


@case("chat.create.previous_response_id")
async def _(t: Any) -> Any:
    from xai_sdk.chat import user

    stored = await t.call(_chat(t, store_messages=True).sample())
    chat = _chat(t, user("Continue"), previous_response_id=stored.id)
    return await t.call(chat.sample())


@case("chat.compact_context.ok")
async def _(t: Any) -> Any:
    from xai_sdk.chat import assistant, user

    compacted = await t.call(
        t.client.chat.compact_context(CHAT, [user("Question"), assistant("Answer"), user("More")])
    )
    chat = t.client.chat.create(CHAT)
    chat.append(compacted)
    return {"compacted": compacted, "messages": chat.messages}


# == image ====================================================================================


add("image.sample.default", lambda t: t.call(t.client.image.sample("A lighthouse at dawn", IMAGE)))


@case("image.sample.url_download")
async def _(t: Any) -> Any:
    response = await t.call(t.client.image.sample("A red square", IMAGE, image_format="url"))
    return {"response": response, "image": await t.call(response.image)}


@case("image.sample.base64")
async def _(t: Any) -> Any:
    response = await t.call(t.client.image.sample("A blue square", IMAGE, image_format="base64"))
    return {"response": response, "image": await t.call(response.image)}


add(
    "image.sample.every_option",
    lambda t: t.call(
        t.client.image.sample(
            "A cat",
            IMAGE,
            user="user-1",
            aspect_ratio="16:9",
            resolution="2k",
            quality="medium",
            image_format="base64",
        )
    ),
)
for _ratio in ("1:1", "3:4", "4:3", "9:16", "2:3", "3:2", "9:19.5", "19.5:9", "9:20", "20:9", "1:2", "2:1"):
    add(
        f"image.prepare.aspect_ratio_{_ratio}",
        lambda t, ratio=_ratio: t.client.image.prepare("Cat", IMAGE, aspect_ratio=ratio),
    )
add(
    "image.prepare.quality_low",
    lambda t: t.client.image.prepare("Cat", IMAGE, quality="low", resolution="1k"),
)
add("image.sample.edit_url", lambda t: t.call(t.client.image.sample("Make it blue", IMAGE, image_url=URL)))
add(
    "image.sample.edit_data_url",
    lambda t: t.call(t.client.image.sample("Make it blue", IMAGE, image_url=DATA_URL)),
)


@case("image.sample.edit_file_id")
async def _(t: Any) -> Any:
    file_id = await _uploaded(t, "cat.png", "png")
    return await t.call(t.client.image.sample("Make it blue", IMAGE, image_file_id=file_id))


add(
    "image.sample.edit_lists",
    lambda t: t.call(
        t.client.image.sample(
            "Combine <IMAGE_0> and <IMAGE_1>", IMAGE, image_urls=[URL, DATA_URL], image_file_ids=["file-a"]
        )
    ),
)
add(
    "image.prepare.edit_urls_only",
    lambda t: t.client.image.prepare("Combine", IMAGE, image_urls=[URL, URL], batch_request_id="img-1"),
)
add("image.sample.empty_prompt", lambda t: t.call(t.client.image.sample("", IMAGE)))
add("image.prepare.empty_prompt_edit", lambda t: t.client.image.prepare("", IMAGE, image_url=URL))
add("image.sample.unknown_model", lambda t: t.call(t.client.image.sample("Cat", "grok-99")))
add(
    "image.sample_batch.ok",
    lambda t: t.call(t.client.image.sample_batch("Two cats", IMAGE, 2, image_format="base64")),
)
add(
    "image.sample_batch.zero",
    lambda t: t.call(t.client.image.sample_batch("No cats", IMAGE, 0)),
    deliberate="n below 1 is refused before the call (the API takes 1 to 10)",
    ours=Ours("ValueError", "n must be at least 1"),
)
add("image.prepare.default", lambda t: t.client.image.prepare("A lighthouse", IMAGE))
add(
    "image.prepare.batch_request_id",
    lambda t: t.client.image.prepare("A lighthouse", IMAGE, batch_request_id="req-1"),
)
add(
    "image.sample.both_single_inputs",
    lambda t: t.call(t.client.image.sample("Cat", IMAGE, image_url=URL, image_file_id="file-1")),
)
add(
    "image.sample.single_and_list",
    lambda t: t.call(t.client.image.sample("Cat", IMAGE, image_url=URL, image_urls=[URL])),
)
add(
    "image.sample.file_id_and_list",
    lambda t: t.call(t.client.image.sample("Cat", IMAGE, image_file_id="f", image_file_ids=["g"])),
)
add("image.sample.format_invalid", lambda t: t.call(t.client.image.sample("Cat", IMAGE, image_format="png")))
add(
    "image.sample.aspect_ratio_invalid",
    lambda t: t.call(t.client.image.sample("Cat", IMAGE, aspect_ratio="5:4")),
)
add("image.sample.resolution_invalid", lambda t: t.call(t.client.image.sample("Cat", IMAGE, resolution="4k")))
add("image.sample.quality_invalid", lambda t: t.call(t.client.image.sample("Cat", IMAGE, quality="high")))
add("image.sample.prompt_not_a_string", lambda t: t.call(t.client.image.sample(42, IMAGE)))
add("image.prepare.prompt_none", lambda t: t.client.image.prepare(None, IMAGE, image_url=URL))
add("image.sample_batch.n_text", lambda t: t.call(t.client.image.sample_batch("Cats", IMAGE, "2")))
add(
    "image.sample.image_url_not_a_url",
    lambda t: t.call(t.client.image.sample("Edit", IMAGE, image_url="cat.jpg")),
    deliberate="an input image that is neither an http(s) nor a data URL is refused before the call",
    ours=Ours("ValueError", "image_url must be an http(s) URL or a base64 data URL"),
)


@case("image.sample.moderated")
async def _(t: Any) -> Any:
    await t.control("moderate_next_image")
    response = await t.call(t.client.image.sample("Something", IMAGE))
    try:
        image = await t.call(response.image)
    except ValueError as error:
        image = error
    return {"response": response, "image": image}


# storage options (shared by image and video)


def _stored_image(options: Any) -> Callable[[Any], Any]:
    return lambda t: t.call(t.client.image.sample("A stored cat", IMAGE, storage_options=options))


add("image.sample.storage_filename", _stored_image({"filename": "cat.png"}))
add(
    "image.sample.storage_every_option",
    _stored_image({"filename": "cat.png", "expires_after": 3600, "public_url": {"expires_after": 600}}),
)
add(
    "image.sample.storage_timedelta",
    _stored_image(
        {
            "filename": "cat.png",
            "expires_after": datetime.timedelta(hours=2),
            "public_url": {"expires_after": datetime.timedelta(minutes=5)},
        }
    ),
)
add("image.sample.storage_public_url_true", _stored_image({"filename": "cat.png", "public_url": True}))
add("image.sample.storage_public_url_false", _stored_image({"filename": "cat.png", "public_url": False}))
add("image.sample.storage_public_url_empty", _stored_image({"filename": "cat.png", "public_url": {}}))
add("image.sample.storage_extra_key", _stored_image({"filename": "cat.png", "color": "red"}))
add("image.sample.storage_missing_filename", _stored_image({"expires_after": 60}))
add(
    "image.sample.storage_empty_filename",
    _stored_image({"filename": ""}),
    deliberate="an empty filename is refused before the call (the API requires one)",
    ours=Ours("ValueError", "non-empty 'filename'"),
)
add(
    "image.sample.storage_expires_after_zero",
    _stored_image({"filename": "cat.png", "expires_after": 0}),
    deliberate="a lifetime that is not positive is refused before the call",
    ours=Ours("ValueError", "expires_after must be a positive number"),
)
add("image.sample.storage_expires_after_bool", _stored_image({"filename": "cat.png", "expires_after": True}))
add("image.sample.storage_public_url_one", _stored_image({"filename": "cat.png", "public_url": 1}))
add("image.sample.storage_public_url_yes", _stored_image({"filename": "cat.png", "public_url": "yes"}))
add(
    "image.sample.storage_public_url_iso",
    _stored_image({"filename": "cat.png", "public_url": {"expires_after": "PT1H"}}),
)
add("image.sample.storage_filename_not_a_string", _stored_image({"filename": 7}))
add(
    "image.sample.storage_expires_after_text",
    _stored_image({"filename": "cat.png", "expires_after": "soon"}),
    # pydantic's duration parser words its own failure ("invalid digit in duration", ...)
    match=(
        "Input should be a valid timedelta",
        "Input should be a valid integer, unable to parse string as an integer",
    ),
)
add(
    "image.sample.storage_expires_after_digits", _stored_image({"filename": "cat.png", "expires_after": "60"})
)
add("image.sample.storage_public_url_text", _stored_image({"filename": "cat.png", "public_url": "maybe"}))
add("image.sample.storage_public_url_extra", _stored_image({"filename": "cat.png", "public_url": {"ttl": 5}}))
add("image.sample.storage_not_a_dict", _stored_image("cat.png"))


@case("image.sample.storage_proto")
async def _(t: Any) -> Any:
    from xai_sdk.proto import image_pb2

    options = image_pb2.StorageOptions(filename="cat.png", expires_after=120)
    return await t.call(t.client.image.sample("A stored cat", IMAGE, storage_options=options))


# == video ====================================================================================


def _generate(prompt: Any = "Waves on a beach", **options: Any) -> Callable[[Any], Any]:
    return lambda t: t.call(t.client.video.generate(prompt, VIDEO, interval=FAST, **options))


def _prepare(prompt: Any = "Waves", **options: Any) -> Callable[[Any], Any]:
    return lambda t: t.client.video.prepare(prompt, VIDEO, **options)


add("video.generate.default", _generate())
add("video.generate.image_without_prompt", _generate("", image_url=URL))
add("video.generate.empty_prompt", _generate(""))
add(
    "video.generate.unknown_model",
    lambda t: t.call(t.client.video.generate("Waves", "grok-99", interval=FAST)),
)
add(
    "video.generate.every_option",
    _generate(
        "A cat walks",
        image_url=URL,
        last_frame_url=DATA_URL,
        duration=10,
        aspect_ratio="9:16",
        resolution="720p",
        reference_image_urls=[URL],
        reference_image_file_ids=["file-r"],
        reference_audios=[{"voice_id": "ara"}],
        generate_audio=True,
        storage_options={"filename": "cat.mp4", "public_url": True},
    ),
)
add("video.prepare.image_file_id", _prepare(image_file_id="file-1", last_frame_file_id="file-2"))
add(
    "video.prepare.keyframes",
    _prepare(
        duration=8,
        keyframes=[{"image_url": URL, "timestamp": 2.5}, {"image_file_id": "file-k", "timestamp": 5}],
    ),
)
add("video.prepare.video_url", _prepare("Make it night", video_url=VIDEO_URL))
add("video.prepare.video_file_id", _prepare("Make it night", video_file_id="file-v"))
add(
    "video.prepare.batch_request_id",
    _prepare(batch_request_id="vid-1", aspect_ratio="1:1", resolution="1080p"),
)
for _ratio in ("16:9", "4:3", "3:4", "3:2", "2:3"):
    add(f"video.prepare.aspect_ratio_{_ratio}", _prepare(aspect_ratio=_ratio))
add("video.prepare.resolution_480p", _prepare(resolution="480p", generate_audio=False))
add("video.prepare.voice_id_whitespace", _prepare(reference_audios=[{"voice_id": "  leo  "}]))
add("video.prepare.voice_id_blank", _prepare(reference_audios=[{"voice_id": "   "}]))
add("video.prepare.voice_id_missing", _prepare(reference_audios=[{}]))
add("video.prepare.voice_id_extra_key", _prepare(reference_audios=[{"voice_id": "ara", "speed": 2}]))
add("video.prepare.voice_id_not_a_string", _prepare(reference_audios=[{"voice_id": 7}]))
add("video.prepare.reference_audio_not_a_dict", _prepare(reference_audios=["ara"]))
add("video.prepare.keyframe_missing_timestamp", _prepare(keyframes=[{"image_url": URL}]))
add(
    "video.prepare.keyframe_both_sources",
    _prepare(keyframes=[{"image_url": URL, "image_file_id": "f", "timestamp": 1}]),
)
add("video.prepare.keyframe_no_source", _prepare(keyframes=[{"timestamp": 1}]))
add("video.prepare.keyframe_timestamp_text", _prepare(keyframes=[{"image_url": URL, "timestamp": "two"}]))
add("video.prepare.keyframe_timestamp_digits", _prepare(keyframes=[{"image_url": URL, "timestamp": "2.5"}]))
add("video.prepare.keyframe_empty_url", _prepare(keyframes=[{"image_url": "", "timestamp": 1}]))
add("video.prepare.keyframe_url_whitespace", _prepare(keyframes=[{"image_url": f"  {URL} ", "timestamp": 1}]))
add(
    "video.prepare.keyframe_extra_key", _prepare(keyframes=[{"image_url": URL, "timestamp": 1, "fade": True}])
)
add("video.prepare.keyframe_not_a_dict", _prepare(keyframes=[URL]))
add("video.prepare.both_images", _prepare(image_url=URL, image_file_id="f"))
add("video.prepare.both_videos", _prepare(video_url=VIDEO_URL, video_file_id="f"))
add("video.prepare.both_last_frames", _prepare(last_frame_url=URL, last_frame_file_id="f"))
add("video.prepare.aspect_ratio_invalid", _prepare(aspect_ratio="21:9"))
add("video.prepare.resolution_invalid", _prepare(resolution="4k"))
add("video.prepare.duration_text", _prepare(duration="5"))
add(
    "video.prepare.duration_too_long",
    _prepare(duration=99),
    deliberate="a duration outside 1-15 s is refused before the call (the API's range)",
    ours=Ours("ValueError", "duration must be between 1 and 15"),
)
add("video.prepare.storage_missing_filename", _prepare(storage_options={}))
add("video.prepare.duration_float", _prepare(duration=5.0))
add(
    "video.prepare.image_and_video",
    _prepare(image_url=URL, video_url=VIDEO_URL),
    deliberate="an input image and an input video together are refused before the call (the API takes one)",
    ours=Ours("ValueError", "cannot both be set"),
)
add(
    "video.prepare.image_url_not_a_url",
    _prepare(image_url="frame.png"),
    deliberate="an input image that is neither an http(s) nor a data URL is refused before the call",
    ours=Ours("ValueError", "image_url must be an http(s) URL or a base64 data URL"),
)
add(
    "video.prepare.keyframe_timestamp_zero",
    _prepare(keyframes=[{"image_url": URL, "timestamp": 0}]),
    deliberate="a keyframe outside the video (0 < timestamp < duration) is refused before the call",
    ours=Ours("ValueError", "keyframe timestamp must be more than 0"),
)
add(
    "video.prepare.keyframe_after_the_end",
    _prepare(duration=5, keyframes=[{"image_url": URL, "timestamp": 6}]),
    deliberate="a keyframe outside the video (0 < timestamp < duration) is refused before the call",
    ours=Ours("ValueError", "strictly inside the 5-second video"),
)


@case("video.start.ok")
async def _(t: Any) -> Any:
    started = await t.call(t.client.video.start("Waves", VIDEO, duration=5))
    return {"started": started, "polled": await t.call(t.client.video.get(started.request_id))}


@case("video.get.ok")
async def _(t: Any) -> Any:
    started = await t.call(t.client.video.start("Waves", VIDEO))
    return await t.call(t.client.video.get(started.request_id))


add("video.get.unknown", lambda t: t.call(t.client.video.get("nope")))


@case("video.generate.timeout", masks=(r"after [0-9.]+s",), collapse_repeats=True)
async def _(t: Any) -> Any:
    await t.control("deferred_polls", "video", 10_000)
    return await t.call(
        t.client.video.generate("Waves", VIDEO, timeout=datetime.timedelta(milliseconds=30), interval=FAST)
    )


add(
    "video.generate.zero_timeout_and_interval",
    lambda t: t.call(t.client.video.generate("Waves", VIDEO, timeout=datetime.timedelta(0), interval=0)),
)
add("video.prepare.generate_audio_int", _prepare(generate_audio=1))


@case("video.generate.failed")
async def _(t: Any) -> Any:
    await t.control("fail_next_video", "content_policy", "The prompt was refused.")
    return await _generate()(t)


@case("video.generate.failed_without_details")
async def _(t: Any) -> Any:
    await t.control("fail_next_video", None, "")
    return await _generate()(t)


@case("video.generate.expired")
async def _(t: Any) -> Any:
    await t.control("expire_next_video")
    return await _generate()(t)


add(
    "video.extend.ok",
    lambda t: t.call(t.client.video.extend("Keep going", VIDEO, VIDEO_URL, duration=6, interval=FAST)),
)
add(
    "video.extend.file_id",
    lambda t: t.call(
        t.client.video.extend(
            "Keep going",
            VIDEO,
            video_file_id="file-v",
            storage_options={"filename": "more.mp4"},
            interval=FAST,
        )
    ),
)
add("video.extend.no_video", lambda t: t.call(t.client.video.extend("Keep going", VIDEO, interval=FAST)))
add(
    "video.extend.both_videos",
    lambda t: t.call(t.client.video.extend("More", VIDEO, VIDEO_URL, video_file_id="f", interval=FAST)),
)


@case("video.extend.failed")
async def _(t: Any) -> Any:
    await t.control("fail_next_video", "internal_error", "The extension broke.")
    return await t.call(t.client.video.extend("Keep going", VIDEO, VIDEO_URL, interval=FAST))


@case("video.extend_start.ok")
async def _(t: Any) -> Any:
    started = await t.call(t.client.video.extend_start("Keep going", VIDEO, VIDEO_URL, duration=4))
    return {"started": started, "polled": await t.call(t.client.video.get(started.request_id))}


add("video.extend_start.no_video", lambda t: t.call(t.client.video.extend_start("Keep going", VIDEO)))
add(
    "video.prepare_extension.ok",
    lambda t: t.client.video.prepare_extension(
        "More", VIDEO, VIDEO_URL, batch_request_id="ext-1", duration=5
    ),
)
add(
    "video.prepare_extension.file_id",
    lambda t: t.client.video.prepare_extension(
        "More", VIDEO, video_file_id="file-v", storage_options={"filename": "x.mp4"}
    ),
)
add("video.prepare_extension.no_video", lambda t: t.client.video.prepare_extension("More", VIDEO))


# == files ====================================================================================


@case("files.upload.bytes")
async def _(t: Any) -> Any:
    return await t.call(t.client.files.upload(b"hello world", filename="hello.txt"))


@case("files.upload.bytearray_expiring")
async def _(t: Any) -> Any:
    return await t.call(t.client.files.upload(bytearray(b"hello"), filename="hello.txt", expires_after=3600))


@case("files.upload.expires_after_timedelta")
async def _(t: Any) -> Any:
    return await t.call(
        t.client.files.upload(b"data", filename="d.bin", expires_after=datetime.timedelta(days=1))
    )


@case("files.upload.path")
async def _(t: Any) -> Any:
    path = t.path("report.txt", b"quarterly numbers" * 100)
    return await t.call(t.client.files.upload(path))


@case(
    "files.upload.path_with_filename",
    deliberate="a `filename` given with a path names the upload; the official SDK ignores it",
    ours=Ours(),
)
async def _(t: Any) -> Any:
    path = t.path("report.txt", b"numbers")
    return await t.call(t.client.files.upload(path, filename="renamed.txt"))


@case("files.upload.file_object")
async def _(t: Any) -> Any:
    path = t.path("data.csv", b"a,b\n1,2\n")
    with open(path, "rb") as stream:  # noqa: ASYNC230 - a local file of a few bytes
        return await t.call(t.client.files.upload(stream))


@case("files.upload.file_object_with_filename")
async def _(t: Any) -> Any:
    import io

    return await t.call(t.client.files.upload(io.BytesIO(b"a,b\n"), filename="table.csv"))


@case("files.upload.progress_two_arguments")
async def _(t: Any) -> Any:
    calls: list[Any] = []
    uploaded = await t.call(
        t.client.files.upload(
            b"x" * 10, filename="x.txt", on_progress=lambda done, total: calls.append([done, total])
        )
    )
    return {"file": uploaded, "progress": calls}


@case("files.upload.progress_one_argument")
async def _(t: Any) -> Any:
    calls: list[Any] = []

    def progress(size: int) -> None:
        calls.append(size)

    uploaded = await t.call(t.client.files.upload(b"y" * 7, filename="y.txt", on_progress=progress))
    return {"file": uploaded, "progress": calls}


@case("files.upload.progress_bar")
async def _(t: Any) -> Any:
    class Bar:
        def __init__(self) -> None:
            self.updates: list[int] = []

        def update(self, n: int) -> None:
            self.updates.append(n)

    bar = Bar()
    uploaded = await t.call(t.client.files.upload(b"z" * 9, filename="z.txt", on_progress=bar))
    return {"file": uploaded, "progress": bar.updates}


add("files.upload.bytes_without_filename", lambda t: t.call(t.client.files.upload(b"data")))
add(
    "files.upload.expires_after_text",
    lambda t: t.call(t.client.files.upload(b"data", filename="d.txt", expires_after="60")),
    deliberate=(
        "a lifetime that is not a number is refused before the call; the official SDK fails mid-upload "
        "(UNKNOWN, or CancelledError with AsyncClient)"
    ),
    ours=Ours("TypeError", "expires_after must be a number of seconds"),
)
add(
    "files.upload.expires_after_zero",
    lambda t: t.call(t.client.files.upload(b"data", filename="d.txt", expires_after=0)),
    deliberate="a lifetime that is not positive is refused before the call (the API refuses it)",
    ours=Ours("ValueError", "expires_after must be a positive number"),
)
add("files.upload.bytes_empty_filename", lambda t: t.call(t.client.files.upload(b"data", filename="")))
add("files.upload.missing_path", lambda t: t.call(t.client.files.upload("does-not-exist.txt")))
add("files.upload.empty_path", lambda t: t.call(t.client.files.upload("")))
add("files.upload.blank_filename", lambda t: t.call(t.client.files.upload(b"data", filename=" ")))
add("files.upload.unsupported_type", lambda t: t.call(t.client.files.upload(12345)))


@case("files.upload.file_object_without_name")
async def _(t: Any) -> Any:
    import io

    return await t.call(t.client.files.upload(io.BytesIO(b"data")))


@case("files.upload.empty_path_name_ignored")
async def _(t: Any) -> Any:
    path = t.path("kept.txt", b"content")
    return await t.call(t.client.files.upload(path, filename=""))


@case("files.batch_upload.ok", unordered=True)
async def _(t: Any) -> Any:
    paths = [t.path(f"part-{index}.txt", f"part {index}".encode()) for index in range(3)]
    completed: list[Any] = []
    results = await t.call(
        t.client.files.batch_upload(paths, batch_size=2, on_file_complete=lambda i, f, r: completed.append(i))
    )
    names = {index: result.filename for index, result in results.items()}
    return {"names": names, "completed": sorted(completed)}


@case("files.batch_upload.partial_failure", unordered=True)
async def _(t: Any) -> Any:
    paths = [t.path("good.txt", b"good"), "missing-file.txt"]
    results = await t.call(t.client.files.batch_upload(paths))
    return {
        str(index): (result.filename if hasattr(result, "filename") else result)
        for index, result in results.items()
    }


add("files.batch_upload.empty", lambda t: t.call(t.client.files.batch_upload([])))


@case("files.batch_upload.bytes")
async def _(t: Any) -> Any:
    return await t.call(t.client.files.batch_upload([b"raw bytes"]))


add(
    "files.list.limit_zero",
    lambda t: t.call(t.client.files.list(limit=0)),
    deliberate="a page size below 1 is refused before the call",
    ours=Ours("ValueError", "limit must be a positive integer"),
)
add(
    "files.create_public_url.expires_after_text",
    lambda t: t.call(t.client.files.create_public_url("file-1", expires_after="soon")),
)


@case("files.list.ok")
async def _(t: Any) -> Any:
    for name in ("b.txt", "a.txt", "c.txt"):
        await _uploaded(t, name, name)
    return {
        "all": await t.call(t.client.files.list()),
        "page": await t.call(t.client.files.list(limit=2, order="desc", sort_by="filename")),
        "size": await t.call(t.client.files.list(sort_by="size", order="asc")),
        "created": await t.call(t.client.files.list(sort_by="created_at", filter="")),
        "filtered": await t.call(t.client.files.list(filter='name = "a.txt"')),
    }


@case("files.list.pagination")
async def _(t: Any) -> Any:
    for name in ("1.txt", "2.txt", "3.txt"):
        await _uploaded(t, name, name)
    first = await t.call(t.client.files.list(limit=2))
    second = await t.call(t.client.files.list(limit=2, pagination_token=first.pagination_token))
    return {"first": first, "second": second}


add(
    "files.list.order_invalid",
    lambda t: t.call(t.client.files.list(order="sideways")),
    deliberate="an unknown order is refused; the official SDK silently sorts ascending",
    ours=Ours("ValueError", "order must be one of"),
)
add(
    "files.list.sort_by_invalid",
    lambda t: t.call(t.client.files.list(sort_by="color")),
    deliberate="an unknown sort_by is refused; the official SDK silently sorts by creation time",
    ours=Ours("ValueError", "sort_by must be one of"),
)


@case("files.get.ok")
async def _(t: Any) -> Any:
    return await t.call(t.client.files.get(await _uploaded(t)))


add("files.get.unknown", lambda t: t.call(t.client.files.get("file-nope")))


@case("files.delete.ok")
async def _(t: Any) -> Any:
    file_id = await _uploaded(t)
    deleted = await t.call(t.client.files.delete(file_id))
    return {"deleted": deleted, "listed": await t.call(t.client.files.list())}


@case("files.content.ok")
async def _(t: Any) -> Any:
    return await t.call(t.client.files.content(await _uploaded(t, "big.txt", "lorem ipsum " * 1000)))


@case("files.create_public_url.ok")
async def _(t: Any) -> Any:
    file_id = await _uploaded(t, "photo.png", "png")
    return {
        "plain": await t.call(t.client.files.create_public_url(file_id)),
        "seconds": await t.call(t.client.files.create_public_url(file_id, expires_after=600)),
        "timedelta": await t.call(
            t.client.files.create_public_url(file_id, expires_after=datetime.timedelta(hours=1))
        ),
    }


@case("files.revoke_public_url.ok")
async def _(t: Any) -> Any:
    file_id = await _uploaded(t, "photo.png", "png")
    await t.call(t.client.files.create_public_url(file_id))
    return {
        "revoked": await t.call(t.client.files.revoke_public_url(file_id)),
        "again": await t.call(t.client.files.revoke_public_url(file_id)),
    }


# == collections ==============================================================================

add("collections.create.name_only", _collection)


@case("collections.create.every_option")
async def _(t: Any) -> Any:
    from xai_sdk.proto import collections_pb2

    return await _collection(
        t,
        model_name=EMBEDDING,
        chunk_configuration={
            "tokens_configuration": {
                "max_chunk_size_tokens": 512,
                "chunk_overlap_tokens": 64,
                "encoding_name": "cl100k_base",
            },
            "strip_whitespace": True,
            "inject_name_into_chunks": False,
        },
        metric_space="inner_product",
        field_definitions=[
            {
                "key": "author",
                "required": True,
                "inject_into_chunk": True,
                "unique": False,
                "description": "Who",
            },
            collections_pb2.FieldDefinition(key="isbn", unique=True),
        ],
        description="Research papers",
    )


for _sizing, _fields in (
    ("chars", {"max_chunk_size_chars": 1000, "chunk_overlap_chars": 100}),
    ("bytes", {"max_chunk_size_bytes": 4096, "chunk_overlap_bytes": 0}),
):
    add(
        f"collections.create.{_sizing}_configuration",
        lambda t, key=f"{_sizing}_configuration", fields=_fields: _collection(
            t, chunk_configuration={key: fields}
        ),
    )
for _metric in ("cosine", "euclidean"):
    add(f"collections.create.metric_{_metric}", lambda t, metric=_metric: _collection(t, metric_space=metric))
add("collections.create.empty_model_name", lambda t: _collection(t, model_name=""))


@case("collections.create.chunk_configuration_proto")
async def _(t: Any) -> Any:
    from xai_sdk.proto import types_pb2

    configuration = types_pb2.ChunkConfiguration(
        chars_configuration=types_pb2.CharsConfiguration(max_chunk_size_chars=500, chunk_overlap_chars=50)
    )
    return await _collection(t, chunk_configuration=configuration)


_CHARS = {"max_chunk_size_chars": 1000, "chunk_overlap_chars": 100}
add(
    "collections.create.chunk_configuration_none",
    lambda t: _collection(t, chunk_configuration={"strip_whitespace": True}),
)
add(
    "collections.create.chunk_configuration_two",
    lambda t: _collection(
        t,
        chunk_configuration={
            "chars_configuration": _CHARS,
            "bytes_configuration": {"max_chunk_size_bytes": 10, "chunk_overlap_bytes": 1},
        },
    ),
)
add(
    "collections.create.chunk_configuration_missing_size",
    lambda t: _collection(t, chunk_configuration={"chars_configuration": {"chunk_overlap_chars": 10}}),
)
add(
    "collections.create.chunk_configuration_size_text",
    lambda t: _collection(
        t,
        chunk_configuration={
            "chars_configuration": {"max_chunk_size_chars": "big", "chunk_overlap_chars": 10}
        },
    ),
)
add(
    "collections.create.chunk_configuration_size_digits",
    lambda t: _collection(
        t,
        chunk_configuration={
            "chars_configuration": {"max_chunk_size_chars": "800", "chunk_overlap_chars": 10}
        },
    ),
)
add(
    "collections.create.chunk_configuration_extra_key",
    lambda t: _collection(t, chunk_configuration={"chars_configuration": _CHARS, "colour": "red"}),
)
add(
    "collections.create.chunk_configuration_flag_text",
    lambda t: _collection(
        t, chunk_configuration={"chars_configuration": _CHARS, "strip_whitespace": "maybe"}
    ),
)
add(
    "collections.create.field_definition_missing_key",
    lambda t: _collection(t, field_definitions=[{"key": "author", "required": True}]),
)
add(
    "collections.create.field_definition_flag_text",
    lambda t: _collection(
        t,
        field_definitions=[
            {"key": "author", "required": "maybe", "inject_into_chunk": False, "unique": False}
        ],
    ),
)
add(
    "collections.create.chunk_configuration_not_a_dict",
    lambda t: _collection(t, chunk_configuration=["chars_configuration"]),
)
add(
    "collections.create.chunk_overlap_too_large",
    lambda t: _collection(
        t,
        chunk_configuration={"chars_configuration": {"max_chunk_size_chars": 10, "chunk_overlap_chars": 10}},
    ),
    deliberate="chunk sizes the API cannot cut with (overlap not below the size) are refused before the call",
    ours=Ours("ValueError", "must be zero or more and smaller than"),
)
add(
    "collections.create.name_empty",
    lambda t: t.call(t.client.collections.create("")),
    deliberate="an empty collection name is refused before the call (the API requires one)",
    ours=Ours("ValueError", "name must not be empty"),
)
add(
    "collections.create.metric_invalid",
    lambda t: _collection(t, metric_space="manhattan"),
    deliberate="an unknown metric is refused; the official SDK sends HNSW_METRIC_UNKNOWN",
    ours=Ours("ValueError", "metric_space must be one of"),
)


@case("collections.list.ok")
async def _(t: Any) -> Any:
    for name in ("beta", "alpha"):
        await t.call(t.client.collections.create(name))
    return {
        "all": await t.call(t.client.collections.list()),
        "sorted": await t.call(t.client.collections.list(limit=1, order="asc", sort_by="name")),
        "age": await t.call(
            t.client.collections.list(order="desc", sort_by="age", filter='collection_name:"alpha"')
        ),
    }


add(
    "collections.list.order_invalid",
    lambda t: t.call(t.client.collections.list(order="sideways")),
    deliberate="an unknown order is refused; the official SDK sends ORDERING_UNKNOWN",
    ours=Ours("ValueError", "order must be one of"),
)


@case("collections.get.ok")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    return await t.call(t.client.collections.get(collection.collection_id))


add("collections.get.unknown", lambda t: t.call(t.client.collections.get("collection-nope")))


@case("collections.update.ok")
async def _(t: Any) -> Any:
    from xai_sdk.proto import collections_pb2

    collection = await _collection(
        t, field_definitions=[{"key": "isbn", "required": False, "inject_into_chunk": False, "unique": True}]
    )
    return await t.call(
        t.client.collections.update(
            collection.collection_id,
            name="papers-2",
            chunk_configuration={"chars_configuration": _CHARS},
            field_definitions=[
                {
                    "field_definition": {
                        "key": "year",
                        "required": False,
                        "inject_into_chunk": True,
                        "unique": False,
                    },
                    "operation": "add",
                },
                {"key": "isbn", "operation": "delete"},
                collections_pb2.FieldDefinitionUpdate(
                    field_definition=collections_pb2.FieldDefinition(key="venue"),
                    operation=collections_pb2.FIELD_DEFINITION_ADD,
                ),
            ],
            description="Renamed",
        )
    )


@case("collections.update.nothing")
async def _(t: Any) -> Any:
    return await t.call(t.client.collections.update("collection-1"))


@case("collections.update.unknown_operation")
async def _(t: Any) -> Any:
    return await t.call(
        t.client.collections.update("collection-1", field_definitions=[{"key": "a", "operation": "rename"}])
    )


@case("collections.update.add_missing_definition")
async def _(t: Any) -> Any:
    return await t.call(t.client.collections.update("collection-1", field_definitions=[{"operation": "add"}]))


@case("collections.update.delete_missing_key")
async def _(t: Any) -> Any:
    return await t.call(
        t.client.collections.update("collection-1", field_definitions=[{"operation": "delete"}])
    )


@case("collections.delete.ok")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    deleted = await t.call(t.client.collections.delete(collection.collection_id))
    return {"deleted": deleted, "listed": await t.call(t.client.collections.list())}


@case("collections.upload_document.ok")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    return await t.call(
        t.client.collections.upload_document(
            collection.collection_id, "notes.txt", b"Some notes", {"topic": "ml"}
        )
    )


@case("collections.upload_document.wait_for_indexing")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    return await t.call(
        t.client.collections.upload_document(
            collection.collection_id, "notes.txt", b"Some notes", wait_for_indexing=True, poll_interval=FAST
        )
    )


@case("collections.upload_document.zero_poll_interval")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    return await t.call(
        t.client.collections.upload_document(
            collection.collection_id,
            "n.txt",
            b"Notes",
            wait_for_indexing=True,
            poll_interval=datetime.timedelta(0),
        )
    )


@case("collections.upload_document.indexing_failed")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    await t.control("fail_next_indexing", "unreadable document")
    return await t.call(
        t.client.collections.upload_document(
            collection.collection_id, "bad.bin", b"\x00\x01", wait_for_indexing=True, poll_interval=FAST
        )
    )


@case(
    "collections.add_existing_document.ok",
    deliberate="returns None with both clients; the official sync client returns an empty message",
    ours=Ours(),
    deliberate_in=("sync",),
)
async def _(t: Any) -> Any:
    collection = await _collection(t)
    file_id = await _uploaded(t)
    added = await t.call(
        t.client.collections.add_existing_document(collection.collection_id, file_id, {"a": "b"})
    )
    return {
        "added": added,
        "document": await t.call(t.client.collections.get_document(file_id, collection.collection_id)),
    }


@case("collections.add_existing_document.document")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    file_id = await _uploaded(t)
    await t.call(t.client.collections.add_existing_document(collection.collection_id, file_id))
    return await t.call(t.client.collections.get_document(file_id, collection.collection_id))


@case("collections.list_documents.ok")
async def _(t: Any) -> Any:
    collection = await _collection(t)
    for name in ("b.txt", "a.txt"):
        await t.call(t.client.collections.upload_document(collection.collection_id, name, name.encode() * 10))
    collection_id = collection.collection_id
    return {
        "all": await t.call(t.client.collections.list_documents(collection_id)),
        "sorted": await t.call(
            t.client.collections.list_documents(collection_id, limit=1, order="asc", sort_by="name")
        ),
        "size": await t.call(
            t.client.collections.list_documents(collection_id, order="desc", sort_by="size")
        ),
        "age": await t.call(
            t.client.collections.list_documents(collection_id, sort_by="age", filter='name:"a.txt"')
        ),
    }


@case("collections.get_document.ok")
async def _(t: Any) -> Any:
    collection_id, file_id = await _document(t)
    return await t.call(t.client.collections.get_document(file_id, collection_id))


@case("collections.batch_get_documents.ok")
async def _(t: Any) -> Any:
    collection_id, file_id = await _document(t)
    return await t.call(t.client.collections.batch_get_documents(collection_id, [file_id]))


@case("collections.remove_document.ok")
async def _(t: Any) -> Any:
    collection_id, file_id = await _document(t)
    removed = await t.call(t.client.collections.remove_document(collection_id, file_id))
    return {"removed": removed, "listed": await t.call(t.client.collections.list_documents(collection_id))}


@case("collections.update_document.ok")
async def _(t: Any) -> Any:
    collection_id, file_id = await _document(t)
    return await t.call(
        t.client.collections.update_document(
            collection_id,
            file_id,
            name="renamed.txt",
            data=b"New text",
            content_type="text/plain",
            fields={"year": "2018"},
        )
    )


@case("collections.reindex_document.ok")
async def _(t: Any) -> Any:
    collection_id, file_id = await _document(t)
    reindexed = await t.call(t.client.collections.reindex_document(collection_id, file_id))
    return {
        "reindexed": reindexed,
        "document": await t.call(t.client.collections.get_document(file_id, collection_id)),
    }


@case("collections.generate_description.ok")
async def _(t: Any) -> Any:
    collection_id, _ = await _document(t)
    return await t.call(t.client.collections.generate_description(collection_id))


@case("collections.search.ok")
async def _(t: Any) -> Any:
    collection_id, _ = await _document(t)
    return {
        "plain": await t.call(t.client.collections.search("attention", [collection_id])),
        "options": await t.call(
            t.client.collections.search(
                "attention", [collection_id], limit=2, instructions="Exact phrases", retrieval_mode="keyword"
            )
        ),
    }


@case("collections.search.retrieval_modes")
async def _(t: Any) -> Any:
    from xai_sdk.proto import documents_pb2

    collection_id, _ = await _document(t)
    modes = [
        "hybrid",
        "semantic",
        documents_pb2.HybridRetrieval(),
        documents_pb2.SemanticRetrieval(),
        documents_pb2.KeywordRetrieval(),
    ]
    return [
        await t.call(t.client.collections.search("need", [collection_id], retrieval_mode=mode))
        for mode in modes
    ]


add(
    "collections.search.retrieval_mode_invalid",
    lambda t: t.call(t.client.collections.search("q", ["collection-1"], retrieval_mode="fuzzy")),
)


# == batch ====================================================================================

add("batch.create.ok", lambda t: t.call(t.client.batch.create("nightly")))


@case("batch.add.every_kind")
async def _(t: Any) -> Any:
    from xai_sdk.chat import user
    from xai_sdk.proto import batch_pb2, chat_pb2

    batch = await t.call(t.client.batch.create("mixed"))
    chat = t.client.chat.create(CHAT, messages=[user("Hi")], batch_request_id="chat-1")
    unnamed = t.client.chat.create(CHAT, messages=[user("Hello")])
    raw = batch_pb2.BatchRequest(
        batch_request_id="raw-1",
        completion_request=chat_pb2.GetCompletionsRequest(
            model=CHAT,
            messages=[chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="Yo")])],
        ),
    )
    image = t.client.image.prepare("A cat", IMAGE, batch_request_id="image-1", image_format="base64")
    video = t.client.video.prepare("Waves", VIDEO, batch_request_id="video-1", duration=4)
    added = await t.call(t.client.batch.add(batch.batch_id, [chat, unnamed, raw, image, video]))
    return {
        "added": added,
        "batch": await t.call(t.client.batch.get(batch.batch_id)),
        "requests": await t.call(t.client.batch.list_batch_requests(batch.batch_id)),
        "results": await t.call(t.client.batch.list_batch_results(batch.batch_id)),
    }


@case("batch.add.unsupported")
async def _(t: Any) -> Any:
    return await t.call(t.client.batch.add("batch-1", [42]))


@case(
    "batch.add.chat_without_messages",
    deliberate="a chat without messages is refused before the call (the API cannot complete it)",
    ours=Ours("ValueError", "a chat without messages"),
)
async def _(t: Any) -> Any:
    batch = await t.call(t.client.batch.create("empty"))
    return await t.call(t.client.batch.add(batch.batch_id, [t.client.chat.create(CHAT)]))


@case(
    "batch.add.request_without_payload",
    deliberate="a BatchRequest without a request is refused before the call (the API refuses it)",
    ours=Ours("ValueError", "a BatchRequest without a request"),
)
async def _(t: Any) -> Any:
    from xai_sdk.proto import batch_pb2

    batch = await t.call(t.client.batch.create("empty"))
    return await t.call(t.client.batch.add(batch.batch_id, [batch_pb2.BatchRequest(batch_request_id="x")]))


@case("batch.add.string")
async def _(t: Any) -> Any:
    return await t.call(t.client.batch.add("batch-1", "chats"))


@case("batch.get.ok")
async def _(t: Any) -> Any:
    batch = await t.call(t.client.batch.create("one"))
    return await t.call(t.client.batch.get(batch.batch_id))


add("batch.get.unknown", lambda t: t.call(t.client.batch.get("batch-nope")))


@case("batch.cancel.ok")
async def _(t: Any) -> Any:
    batch = await t.call(t.client.batch.create("doomed"))
    return await t.call(t.client.batch.cancel(batch.batch_id))


@case("batch.list.ok")
async def _(t: Any) -> Any:
    for name in ("a", "b", "c"):
        await t.call(t.client.batch.create(name))
    first = await t.call(t.client.batch.list(limit=2))
    return {
        "all": await t.call(t.client.batch.list()),
        "first": first,
        "second": await t.call(t.client.batch.list(limit=2, pagination_token=first.pagination_token)),
    }


@case("batch.list_batch_requests.ok")
async def _(t: Any) -> Any:
    from xai_sdk.chat import user

    batch = await t.call(t.client.batch.create("pages"))
    chats = [t.client.chat.create(CHAT, messages=[user(f"Q{i}")], batch_request_id=f"q{i}") for i in range(3)]
    await t.call(t.client.batch.add(batch.batch_id, chats))
    first = await t.call(t.client.batch.list_batch_requests(batch.batch_id, limit=2))
    second = await t.call(
        t.client.batch.list_batch_requests(batch.batch_id, limit=2, pagination_token=first.pagination_token)
    )
    return {"first": first, "second": second}


@case("batch.list_batch_results.ok")
async def _(t: Any) -> Any:
    from xai_sdk.chat import user

    batch = await t.call(t.client.batch.create("results"))
    await t.control("fail_next_batch_request")
    chats = [t.client.chat.create(CHAT, messages=[user(f"Q{i}")], batch_request_id=f"q{i}") for i in range(3)]
    await t.call(t.client.batch.add(batch.batch_id, chats))
    first = await t.call(t.client.batch.list_batch_results(batch.batch_id, limit=2))
    second = await t.call(
        t.client.batch.list_batch_results(batch.batch_id, limit=2, pagination_token=first.pagination_token)
    )
    return {"first": first, "second": second}


# == coverage =================================================================================

METHODS = {
    "auth": ["get_api_key_info"],
    "batch": ["create", "add", "get", "cancel", "list", "list_batch_requests", "list_batch_results"],
    "chat": [
        "create",
        "get_stored_completion",
        "delete_stored_completion",
        "compact_context",
        # the Chat object
        "append",
        "sample",
        "sample_batch",
        "stream",
        "stream_batch",
        "parse",
        "defer",
        "defer_batch",
        "compact",
    ],
    "collections": [
        "create",
        "list",
        "get",
        "update",
        "delete",
        "search",
        "upload_document",
        "add_existing_document",
        "list_documents",
        "get_document",
        "batch_get_documents",
        "remove_document",
        "update_document",
        "reindex_document",
        "generate_description",
    ],
    "files": [
        "upload",
        "batch_upload",
        "list",
        "get",
        "delete",
        "content",
        "create_public_url",
        "revoke_public_url",
    ],
    "image": ["prepare", "sample", "sample_batch"],
    "models": [
        "list_language_models",
        "get_language_model",
        "list_embedding_models",
        "get_embedding_model",
        "list_image_generation_models",
        "get_image_generation_model",
    ],
    "tokenize": ["tokenize_text"],
    "video": ["prepare", "prepare_extension", "start", "get", "generate", "extend_start", "extend"],
}
"""Every public method of the official SDK's sub-clients and of its `Chat` (see the reference)."""
