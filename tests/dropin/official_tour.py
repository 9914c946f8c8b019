"""The official xai-sdk 1.21.0 client, driven through every public method against the emulator.

Run in the official SDK's virtual environment (``python official_tour.py --mode sync --address
localhost:PORT --api-key ... --management-key ...``; standard library and the official SDK only).
It connects as the emulator's README says the official client must (``api_host`` and
``management_api_host`` set to ``localhost:PORT``: the official client ignores ``XAI_API_HOST``
and uses a plain-text channel for hosts starting with ``localhost:``), calls each public method
of each sub-client and of the chat object once with good input, checks the fields of what it got
back, and prints one JSON line: per method, whether every check held and what failed; and the
public methods the official classes have, so the caller can tell that none was left out.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import inspect
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import Any

SERVICES = ("auth", "batch", "chat", "collections", "files", "image", "models", "tokenize", "video")
CHAT_METHODS = (
    "append",
    "sample",
    "sample_batch",
    "stream",
    "stream_batch",
    "parse",
    "defer",
    "defer_batch",
    "compact",
)
FAST = datetime.timedelta(milliseconds=5)
MODEL = "grok-3"


class Failed(AssertionError):
    """A check that did not hold."""


def expect(condition: object, what: str) -> None:
    """Record a failed check unless `condition` holds."""
    if not condition:
        raise Failed(what)


class Tour:
    """Calls the methods of one client (sync or async) and records each method's outcome."""

    def __init__(self, client: Any, is_async: bool, directory: str) -> None:
        self.client = client
        self.is_async = is_async
        self.directory = directory
        self.results: dict[str, dict[str, Any]] = {}

    async def call(self, value: Any) -> Any:
        return await value if inspect.isawaitable(value) else value

    async def collect(self, stream: Any) -> list[Any]:
        if self.is_async:
            return [item async for item in stream]
        return list(stream)

    async def check(self, name: str, run: Callable[[], Any]) -> Any:
        """Run one method's checks; keep going whatever happens."""
        try:
            value = run()
            if inspect.isawaitable(value):
                value = await value
        except Exception as error:
            detail = f"{type(error).__name__}: {error}"
            if not isinstance(error, Failed):
                detail += " | " + traceback.format_exc(limit=3).replace("\n", " ")[-600:]
            self.results[name] = {"ok": False, "detail": detail}
            return None
        self.results[name] = {"ok": True}
        return value


def _written(path: str, data: bytes) -> str:
    with open(path, "wb") as stream:
        stream.write(data)
    return path


def _user(text: str) -> Any:
    from xai_sdk.chat import user

    return user(text)


async def tour_auth_models_tokenize(t: Tour) -> None:
    client = t.client

    async def api_key_info() -> None:
        info = await t.call(client.auth.get_api_key_info())
        expect(info.team_id == "emulator-team" and info.api_key_id, f"api key info {info}")
        expect("..." in info.redacted_api_key, "the key is redacted")

    await t.check("auth.get_api_key_info", api_key_info)

    async def list_language() -> None:
        models = await t.call(client.models.list_language_models())
        expect("grok-4" in [m.name for m in models], "grok-4 listed")
        expect(all(m.max_prompt_length > 0 for m in models), "context lengths")

    async def get_language() -> None:
        model = await t.call(client.models.get_language_model("grok-4-latest"))
        expect(model.name == "grok-4" and model.prompt_text_token_price > 0, f"grok-4: {model.name}")

    async def list_embedding() -> None:
        models = await t.call(client.models.list_embedding_models())
        expect([m.name for m in models] == ["grok-embedding-small"], "embedding models")

    async def get_embedding() -> None:
        expect(
            (await t.call(client.models.get_embedding_model("grok-embedding-small"))).name, "embedding model"
        )

    async def list_image() -> None:
        models = await t.call(client.models.list_image_generation_models())
        expect("grok-imagine-image" in [m.name for m in models], "image models")

    async def get_image() -> None:
        model = await t.call(client.models.get_image_generation_model("grok-imagine-image"))
        expect(model.image_price > 0, "image price")

    async def tokenize() -> None:
        tokens = await t.call(client.tokenize.tokenize_text("Hello, world!", "grok-4"))
        expect([token.string_token for token in tokens] == ["Hello", ",", " world", "!"], f"tokens {tokens}")

    for name, run in (
        ("models.list_language_models", list_language),
        ("models.get_language_model", get_language),
        ("models.list_embedding_models", list_embedding),
        ("models.get_embedding_model", get_embedding),
        ("models.list_image_generation_models", list_image),
        ("models.get_image_generation_model", get_image),
        ("tokenize.tokenize_text", tokenize),
    ):
        await t.check(name, run)


async def tour_chat(t: Tour) -> None:
    client = t.client
    chat = await t.check("chat.create", lambda: client.chat.create(MODEL, messages=[_user("Hello there")]))
    if chat is None:
        return
    expect(chat.proto.model == MODEL, "create keeps the model")

    async def sample() -> Any:
        response = await t.call(chat.sample())
        expect(response.content == "Hello there", f"echo, got {response.content!r}")
        expect(
            response.id.startswith("chatcmpl-") and response.finish_reason == "REASON_STOP", "id and finish"
        )
        usage = response.usage
        expect(
            usage.prompt_tokens == 2 and usage.completion_tokens == 2 and usage.total_tokens == 4, f"{usage}"
        )
        expect(response.cost_usd and response.cost_usd > 0, "cost")
        return response

    response = await t.check("Chat.sample", sample)

    async def append() -> None:
        expect(chat.append(response) is chat and len(chat.messages) == 2, "append returns the chat")
        chat.append(_user("And again"))

    await t.check("Chat.append", append)

    async def sample_batch() -> None:
        responses = await t.call(client.chat.create(MODEL, messages=[_user("Hi")], seed=1).sample_batch(2))
        contents = [r.content for r in responses]
        expect(len(contents) == 2 and contents[0] != contents[1], f"two different samples {contents}")

    await t.check("Chat.sample_batch", sample_batch)

    async def stream() -> None:
        items = await t.collect(client.chat.create("grok-4", messages=[_user("one two three")]).stream())
        final = items[-1][0]
        expect(
            "".join(chunk.content for _, chunk in items) == final.content == "one two three", "streamed text"
        )
        expect(
            final.usage.reasoning_tokens > 0 and final.usage.completion_tokens == 3, f"usage {final.usage}"
        )
        expect(items[0][0] is final, "one accumulating response")

    await t.check("Chat.stream", stream)

    async def stream_batch() -> None:
        items = await t.collect(client.chat.create(MODEL, messages=[_user("Hi")]).stream_batch(2))
        responses, chunks = items[-1]
        expect(len(responses) == 2 and len(chunks) == 2, "two outputs")

    await t.check("Chat.stream_batch", stream_batch)

    async def parse() -> None:
        from pydantic import BaseModel

        class City(BaseModel):
            name: str
            population: int

        parsed_chat = client.chat.create(MODEL, messages=[_user("Paris")])
        _, city = await t.call(parsed_chat.parse(City))
        expect(city.name == "Paris" and isinstance(city.population, int), f"parsed {city}")

    await t.check("Chat.parse", parse)

    async def defer() -> None:
        deferred = await t.call(client.chat.create(MODEL, messages=[_user("Later")]).defer(interval=FAST))
        expect(deferred.content == "Later", f"deferred {deferred.content!r}")

    await t.check("Chat.defer", defer)

    async def defer_batch() -> None:
        deferred = await t.call(
            client.chat.create(MODEL, messages=[_user("Later")]).defer_batch(2, interval=FAST)
        )
        expect(len(deferred) == 2 and deferred[0].content == "Later", "two deferred outputs")

    await t.check("Chat.defer_batch", defer_batch)

    async def compact() -> None:
        compacting = client.chat.create(MODEL, messages=[_user("Keep this"), _user("and this")])
        compacted = await t.call(compacting.compact())
        expect(compacted.encrypted_content and compacted.dropped_message_count == 2, "compacted")
        expect(len(compacting.messages) == 1, "the history is replaced by the context")
        follow_up = await t.call(compacting.sample())
        expect(follow_up.content == "and this", f"the context remembers, got {follow_up.content!r}")

    await t.check("Chat.compact", compact)

    kept = await t.call(client.chat.create(MODEL, messages=[_user("Keep")], store_messages=True).sample())

    async def stored() -> None:
        found = await t.call(client.chat.get_stored_completion(kept.id))
        expect(len(found) == 1 and found[0].content == "Keep", "stored completion")

    async def delete_stored() -> None:
        expect(await t.call(client.chat.delete_stored_completion(kept.id)) == kept.id, "deleted id")

    await t.check("chat.get_stored_completion", stored)
    await t.check("chat.delete_stored_completion", delete_stored)

    async def compact_context() -> None:
        from xai_sdk.proto import chat_pb2

        message = chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="Old")])
        compacted = await t.call(client.chat.compact_context(MODEL, [message]))
        expect(compacted.dropped_message_count == 1 and compacted.usage.prompt_tokens == 1, "compact_context")

    await t.check("chat.compact_context", compact_context)


async def tour_files(t: Tour) -> None:
    files = t.client.files
    uploaded = await t.check("files.upload", lambda: files.upload(b"hello file", filename="hello.txt"))
    if uploaded is None:
        return
    expect(uploaded.id.startswith("file-") and uploaded.size == 10, f"upload {uploaded}")

    async def batch_upload() -> None:
        paths = []
        for index in range(2):
            paths.append(_written(os.path.join(t.directory, f"part-{index}.txt"), b"part %d" % index))
        results = await t.call(files.batch_upload(paths))
        expect(
            sorted(results) == [0, 1] and all(r.filename.startswith("part-") for r in results.values()),
            "batch",
        )

    async def listed() -> None:
        expect(uploaded.id in [f.id for f in (await t.call(files.list(limit=10))).data], "listed")

    async def got() -> None:
        expect((await t.call(files.get(uploaded.id))).filename == "hello.txt", "get")

    async def content() -> None:
        expect(await t.call(files.content(uploaded.id)) == b"hello file", "content")

    image = await t.call(files.upload(b"\xff\xd8 not really", filename="photo.jpg"))

    async def public_url() -> None:
        created = await t.call(files.create_public_url(image.id))
        expect(created.public_url.startswith("http://"), f"public url {created.public_url}")

    async def revoke() -> None:
        revoked = await t.call(files.revoke_public_url(image.id))
        expect(revoked.revoked and revoked.file_id == image.id, "revoked")

    async def delete() -> None:
        expect((await t.call(files.delete(uploaded.id))).deleted, "deleted")

    for name, run in (
        ("files.batch_upload", batch_upload),
        ("files.list", listed),
        ("files.get", got),
        ("files.content", content),
        ("files.create_public_url", public_url),
        ("files.revoke_public_url", revoke),
        ("files.delete", delete),
    ):
        await t.check(name, run)


async def tour_collections(t: Tour) -> None:
    collections = t.client.collections
    created = await t.check("collections.create", lambda: collections.create("papers"))
    if created is None:
        return
    collection_id = created.collection_id
    expect(collection_id.startswith("collection-") and created.collection_name == "papers", "created")
    document = await t.check(
        "collections.upload_document",
        lambda: collections.upload_document(collection_id, "attention.txt", b"Attention is all you need."),
    )
    file_id = document.file_metadata.file_id if document is not None else ""
    other = await t.call(t.client.files.upload(b"Transformers translate.", filename="other.txt"))

    async def listed() -> None:
        expect(
            collection_id in [c.collection_id for c in (await t.call(collections.list())).collections], "list"
        )

    async def got() -> None:
        expect((await t.call(collections.get(collection_id))).collection_name == "papers", "get")

    async def updated() -> None:
        expect(
            (await t.call(collections.update(collection_id, name="notes"))).collection_name == "notes",
            "update",
        )

    async def add_existing() -> None:
        await t.call(collections.add_existing_document(collection_id, other.id))

    async def list_documents() -> None:
        documents = (await t.call(collections.list_documents(collection_id))).documents
        expect(len(documents) == 2, f"two documents, got {len(documents)}")

    async def get_document() -> None:
        found = await t.call(collections.get_document(file_id, collection_id))
        expect(found.status == 2 and found.file_metadata.name == "attention.txt", f"document {found.status}")

    async def batch_get() -> None:
        expect(
            len((await t.call(collections.batch_get_documents(collection_id, [file_id]))).documents) == 1,
            "batch",
        )

    async def search() -> None:
        matches = (await t.call(collections.search("attention", [collection_id]))).matches
        expect(matches and matches[0].file_id == file_id and matches[0].score > 0, "search")
        semantic = (
            await t.call(collections.search("translating", [collection_id], retrieval_mode="semantic"))
        ).matches
        expect(semantic and semantic[0].file_id == other.id, "semantic search finds the paraphrase")

    async def update_document() -> None:
        renamed = await t.call(collections.update_document(collection_id, file_id, name="renamed.txt"))
        expect(renamed.file_metadata.name == "renamed.txt", "renamed")

    async def reindex() -> None:
        expect(await t.call(collections.reindex_document(collection_id, file_id)) is None, "reindex")

    async def describe() -> None:
        description = await t.call(collections.generate_description(collection_id))
        expect(isinstance(description, str) and "document" in description, f"description {description!r}")

    async def remove() -> None:
        await t.call(collections.remove_document(collection_id, other.id))
        expect(len((await t.call(collections.list_documents(collection_id))).documents) == 1, "removed")

    async def delete() -> None:
        expect(await t.call(collections.delete(collection_id)) is None, "deleted")

    for name, run in (
        ("collections.list", listed),
        ("collections.get", got),
        ("collections.update", updated),
        ("collections.add_existing_document", add_existing),
        ("collections.list_documents", list_documents),
        ("collections.get_document", get_document),
        ("collections.batch_get_documents", batch_get),
        ("collections.search", search),
        ("collections.update_document", update_document),
        ("collections.reindex_document", reindex),
        ("collections.generate_description", describe),
        ("collections.remove_document", remove),
        ("collections.delete", delete),
    ):
        await t.check(name, run)


async def tour_media(t: Tour) -> None:
    image, video = t.client.image, t.client.video

    async def prepare() -> None:
        request = image.prepare("A kite", "grok-imagine-image", batch_request_id="i1")
        expect(request.image_request.prompt == "A kite" and request.batch_request_id == "i1", "prepared")

    async def sample() -> None:
        response = await t.call(image.sample("A kite", "grok-imagine-image"))
        data = await response.image if t.is_async else response.image
        expect(response.url.startswith("http://") and data[:2] == b"\xff\xd8", "a JPEG by URL")
        expect(response.respect_moderation and response.cost_usd > 0, "moderation and cost")

    async def sample_batch() -> None:
        responses = await t.call(image.sample_batch("A kite", "grok-imagine-image", 2, image_format="base64"))
        expect(
            len(responses) == 2 and responses[0].base64.startswith("data:image/jpeg;base64,"), "base64 JPEGs"
        )

    async def video_prepare() -> None:
        expect(video.prepare("Clouds", "grok-imagine-video").video_request.prompt == "Clouds", "prepared")

    async def video_prepare_extension() -> None:
        request = video.prepare_extension("More", "grok-imagine-video", "https://example.com/a.mp4")
        expect(request.video_extension_request.video.url == "https://example.com/a.mp4", "prepared extension")

    started: dict[str, str] = {}

    async def video_start() -> None:
        started["id"] = (await t.call(video.start("Clouds", "grok-imagine-video", duration=5))).request_id
        expect(started["id"].startswith("video-"), "started")

    async def video_get() -> None:
        result = await t.call(video.get(started["id"]))
        expect(result.status == 1 and result.response.video.duration == 5, f"done {result.status}")

    async def video_generate() -> None:
        generated = await t.call(video.generate("Clouds", "grok-imagine-video", interval=FAST))
        expect(generated.url.startswith("http://") and generated.duration == 8, "generated")

    async def video_extend_start() -> None:
        begun = await t.call(video.extend_start("More", "grok-imagine-video", "https://example.com/a.mp4"))
        expect(begun.request_id.startswith("video-"), "extension started")

    async def video_extend() -> None:
        extended = await t.call(
            video.extend("More", "grok-imagine-video", "https://example.com/a.mp4", interval=FAST)
        )
        expect(extended.duration == 6, f"extension lasts 6 s, got {extended.duration}")

    for name, run in (
        ("image.prepare", prepare),
        ("image.sample", sample),
        ("image.sample_batch", sample_batch),
        ("video.prepare", video_prepare),
        ("video.prepare_extension", video_prepare_extension),
        ("video.start", video_start),
        ("video.get", video_get),
        ("video.generate", video_generate),
        ("video.extend_start", video_extend_start),
        ("video.extend", video_extend),
    ):
        await t.check(name, run)


async def tour_batch(t: Tour) -> None:
    batch = t.client.batch
    created = await t.check("batch.create", lambda: batch.create("nightly"))
    if created is None:
        return
    expect(created.batch_id.startswith("batch-") and created.name == "nightly", "created")
    batch_id = created.batch_id

    async def add() -> None:
        chat = t.client.chat.create(MODEL, messages=[_user("Hi batch")], batch_request_id="r1")
        expect(await t.call(batch.add(batch_id, [chat])) is None, "add returns None")

    async def get() -> None:
        state = (await t.call(batch.get(batch_id))).state
        expect(state.num_requests == 1 and state.num_success == 1, f"state {state}")

    async def listed() -> None:
        expect(batch_id in [b.batch_id for b in (await t.call(batch.list())).batches], "listed")

    async def requests() -> None:
        metadata = (await t.call(batch.list_batch_requests(batch_id))).batch_request_metadata
        expect([m.batch_request_id for m in metadata] == ["r1"], "request metadata")

    async def results() -> None:
        page = await t.call(batch.list_batch_results(batch_id))
        expect(len(page.succeeded) == 1 and page.results[0].response.content == "Hi batch", "results")

    async def cancel() -> None:
        other = await t.call(batch.create("to cancel"))
        expect((await t.call(batch.cancel(other.batch_id))).HasField("cancel_time"), "cancelled")

    for name, run in (
        ("batch.add", add),
        ("batch.get", get),
        ("batch.list", listed),
        ("batch.list_batch_requests", requests),
        ("batch.list_batch_results", results),
        ("batch.cancel", cancel),
    ):
        await t.check(name, run)


def public_methods(client: Any) -> list[str]:
    """The public methods of the official client's sub-clients and chat object, as ``service.method``."""
    names = []
    for service in SERVICES:
        sub_client = getattr(client, service)
        names += [
            f"{service}.{name}"
            for name in dir(type(sub_client))
            if not name.startswith("_") and inspect.isfunction(inspect.getattr_static(type(sub_client), name))
        ]
    chat_type = type(client.chat.create(MODEL))
    names += [
        f"Chat.{name}"
        for name in dir(chat_type)
        if not name.startswith("_") and inspect.isfunction(inspect.getattr_static(chat_type, name))
    ]
    return sorted(names)


async def run_tour(client: Any, is_async: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as directory:
        tour = Tour(client, is_async, directory)
        for part in (
            tour_auth_models_tokenize,
            tour_chat,
            tour_files,
            tour_collections,
            tour_media,
            tour_batch,
        ):
            try:
                await part(tour)
            except Exception as error:  # a part that broke before its checks: say so
                tour.results[f"{part.__name__} (setup)"] = {"ok": False, "detail": repr(error)}
        return {"methods": tour.results, "public": public_methods(client)}


def main() -> None:
    """Drive the official client of one mode; print the outcome as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=("sync", "async"), required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--management-key", required=True)
    arguments = parser.parse_args()
    import xai_sdk

    options = {
        "api_key": arguments.api_key,
        "management_api_key": arguments.management_key,
        "api_host": arguments.address,
        "management_api_host": arguments.address,
    }
    if arguments.mode == "sync":
        with xai_sdk.Client(**options) as client:
            outcome = asyncio.run(run_tour(client, False))
    else:

        async def run_async() -> dict[str, Any]:
            client = xai_sdk.AsyncClient(**options)
            try:
                return await run_tour(client, True)
            finally:
                await client.close()

        outcome = asyncio.run(run_async())
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
