"""A collection of documents: create it, add documents, wait for indexing, search, clean up.

Its search is available to the model too, as the `collections_search` server-side tool.

Reads XAI_API_KEY and XAI_MANAGEMENT_KEY (collections are managed on the management API), and
XAI_API_HOST / XAI_MANAGEMENT_API_HOST, e.g. to point at `xai-emulator`.

Install: pip install "xai-sdk[chat,collections]==1.22.0"
"""

from datetime import timedelta

from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.tools import collections_search

HANDBOOK = {
    "leave.md": b"Employees get 25 days of paid leave per year. Unused leave days carry over.",
    "travel.md": b"Book travel through the portal. Economy class for flights under six hours.",
    "security.md": b"Lock your screen when you leave your desk. Report lost badges at once.",
}


def main() -> None:
    """Index a small handbook and ask it a question."""
    with Client() as client:
        collection = client.collections.create(
            "handbook",
            chunk_configuration={
                "chars_configuration": {"max_chunk_size_chars": 400, "chunk_overlap_chars": 40}
            },
            field_definitions=[
                {"key": "team", "required": False, "inject_into_chunk": True, "unique": False}
            ],
        )
        print(f"created {collection.collection_name} ({collection.collection_id})")
        for name, text in HANDBOOK.items():
            document = client.collections.upload_document(
                collection.collection_id,
                name,
                text,
                {"team": "people"},
                wait_for_indexing=True,
                poll_interval=timedelta(seconds=1),
            )
            print(f"indexed {document.file_metadata.name}: {document.chunk_count} chunk(s)")

        results = client.collections.search("how many days of leave", [collection.collection_id], limit=2)
        for match in results.matches:
            print(f"{match.score:.2f}  {match.chunk_content!r}")

        listed = client.collections.list_documents(collection.collection_id, sort_by="name", order="asc")
        print("documents:", ", ".join(d.file_metadata.name for d in listed.documents))
        print("description:", client.collections.generate_description(collection.collection_id))

        # Or let the model search the collection itself, as a server-side tool.
        chat = client.chat.create(
            "grok-4",
            messages=[user("How many days of paid leave do I get?")],
            tools=[collections_search([collection.collection_id], limit=3)],
        )
        print("model:", chat.sample().content)

        client.collections.delete(collection.collection_id)
        for document in listed.documents:
            client.files.delete(document.file_metadata.file_id)
        print("deleted the collection and its files")


if __name__ == "__main__":
    main()
