"""The grammar of the command line: every command, its arguments and its help.

Nothing here imports a service. Each command names its handler as ``"module:function"`` of
this package (``"chat:run"`` is `xai_sdk.cli._chat.run`), imported only when the command runs,
so that ``xai --help`` and each command start quickly.
"""

from __future__ import annotations

import argparse
import os
from typing import NoReturn, TypeAlias

import xai_sdk
from xai_sdk.cli._common import USAGE

__all__ = ["Parser", "build_parser"]

DEFAULT_CHAT_MODEL = "grok-4"
DEFAULT_IMAGE_MODEL = "grok-imagine-image"

ENVIRONMENT = """\
environment:
  XAI_API_KEY              the API key (required)
  XAI_MANAGEMENT_KEY       the management key (collections create, list, delete, upload)
  XAI_API_HOST             host[:port] of the API (default api.x.ai); e.g. the emulator's
  XAI_MANAGEMENT_API_HOST  host[:port] of the management API (default management-api.x.ai)
  XAI_MODEL                the default model of `xai chat` and `xai tokenize` (default grok-4)
  XAI_SDK_LOG=debug        log each call to stderr (never the key)

exit status: 0 on success, 1 when the API or a file operation fails, 2 for bad arguments,
130 when interrupted.
"""


class Parser(argparse.ArgumentParser):
    """An `ArgumentParser` whose usage errors are one line: ``xai chat: error: ... (see ...)``."""

    def error(self, message: str) -> NoReturn:
        """Print the usage error on one line and exit with status 2."""
        self.exit(USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def _command(commands: Commands, name: str, summary: str, description: str, handler: str | None) -> Parser:
    parser: Parser = commands.add_parser(
        name,
        help=summary,
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler, usage_parser=parser)
    return parser


def _subcommands(parser: Parser) -> Commands:
    return parser.add_subparsers(title="commands", metavar="COMMAND")


def _progress(parser: Parser) -> None:
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)",
    )


def _json(parser: Parser, what: str) -> None:
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def _chat(commands: Commands) -> None:
    chat = _command(
        commands,
        "chat",
        "ask a model; the answer streams as it arrives",
        "Ask a model and print its answer as it is generated.\n\n"
        "examples:\n"
        '  xai chat "Why is the sky blue?"\n'
        '  xai chat -m grok-3-mini --reasoning-effort high "Is 1001 prime?"\n'
        '  xai chat -i -s "You are a pirate."      (a conversation; Ctrl-D ends it)\n'
        '  git diff | xai chat -s "Review this diff."',
        "chat:run",
    )
    chat.add_argument("prompt", nargs="?", help="the message; read from stdin when left out and piped")
    chat.add_argument(
        "-m",
        "--model",
        default=os.environ.get("XAI_MODEL") or DEFAULT_CHAT_MODEL,
        help=f"the model (default: $XAI_MODEL, or {DEFAULT_CHAT_MODEL})",
    )
    chat.add_argument("-s", "--system", help="a system prompt")
    chat.add_argument("--reasoning-effort", metavar="EFFORT", help="for reasoning models: e.g. low or high")
    chat.add_argument("--temperature", type=float, help="sampling temperature, 0 to 2")
    chat.add_argument("--max-tokens", type=int, metavar="N", help="the most tokens to generate")
    _json(chat, "the whole response (not streamed)")
    chat.add_argument(
        "-i",
        "--interactive",
        action="store_true",
        help="keep the conversation going: read more messages from stdin, one per line",
    )


def _models(commands: Commands) -> None:
    models = _command(
        commands,
        "models",
        "list the models, or show one",
        "List the language, image and embedding models your key can use, or show one model.\n\n"
        "examples:\n  xai models\n  xai models grok-4",
        "models:run",
    )
    models.add_argument("name", nargs="?", help="a model name or alias: show that model's details")
    _json(models, "the models")


def _tokenize(commands: Commands) -> None:
    tokenize = _command(
        commands,
        "tokenize",
        "split text into a model's tokens",
        "Split text into the tokens of a model's tokenizer.\n\n"
        'examples:\n  xai tokenize "Hello, world!"\n  xai tokenize --count < essay.txt',
        "models:tokenize",
    )
    tokenize.add_argument("text", nargs="?", help="the text; read from stdin when left out and piped")
    tokenize.add_argument(
        "-m",
        "--model",
        default=os.environ.get("XAI_MODEL") or DEFAULT_CHAT_MODEL,
        help=f"the model whose tokenizer to use (default: $XAI_MODEL, or {DEFAULT_CHAT_MODEL})",
    )
    tokenize.add_argument("--count", action="store_true", help="print only the number of tokens")
    _json(tokenize, "the tokens")


def _image(commands: Commands) -> None:
    image = _command(
        commands,
        "image",
        "generate or edit an image",
        "Generate an image from a prompt (or edit --image inputs) and save it, or print its URL.\n\n"
        "examples:\n"
        '  xai image "A lighthouse at dawn, watercolor" -o lighthouse.jpg\n'
        '  xai image "The same room at night" --image room.jpg -o night.jpg\n'
        '  xai image "A paper boat" -n 3 -o boat.jpg     (boat-1.jpg, boat-2.jpg, boat-3.jpg)',
        "image:run",
    )
    image.add_argument("prompt", help="what to draw, or how to change the input images")
    image.add_argument("-o", "--output", metavar="PATH", help="save the image here (default: print its URL)")
    image.add_argument(
        "-m", "--model", default=DEFAULT_IMAGE_MODEL, help="the image model (default: %(default)s)"
    )
    image.add_argument("-n", type=int, default=1, help="how many images (numbered files with -o)")
    image.add_argument(
        "--image",
        action="append",
        metavar="URL_OR_PATH",
        help="an input image to edit: an http(s) or data: URL, or a local file (repeat for several)",
    )
    image.add_argument("--aspect-ratio", metavar="RATIO", help="e.g. 1:1, 16:9, 9:16")
    image.add_argument("--resolution", help="1k or 2k")


def _files(commands: Commands) -> None:
    files = _command(
        commands,
        "files",
        "upload, list, get, delete and download files",
        "Files stored by the API (for chat attachments, collections and batches).\n\n"
        "examples:\n"
        "  xai files upload report.pdf\n"
        "  xai files list --order desc\n"
        "  xai files download file-123 -o copy.pdf",
        None,
    )
    actions = _subcommands(files)

    upload = _command(
        actions, "upload", "upload a file", "Upload a file, with a progress bar.", "files:upload"
    )
    upload.add_argument("path", help="the file to upload")
    upload.add_argument("--name", help="its name on the server (default: the file's name)")
    upload.add_argument(
        "--expires-after", type=int, metavar="SECONDS", help="delete the file this long after the upload"
    )
    _progress(upload)
    _json(upload, "the stored file")

    listing = _command(actions, "list", "list files", "List one page of files.", "files:list_files")
    listing.add_argument("--limit", type=int, help="files per page (server default: 100)")
    listing.add_argument("--order", help="asc or desc")
    listing.add_argument("--sort-by", help="created_at, filename or size")
    listing.add_argument("--filter", help="e.g. 'size_bytes > 1048576'")
    listing.add_argument("--page", metavar="TOKEN", help="the token of the page to show (printed on stderr)")
    _json(listing, "the page")

    get = _command(actions, "get", "show a file's metadata", "Show a file's metadata.", "files:get")
    get.add_argument("file_id")
    _json(get, "the file")

    delete = _command(actions, "delete", "delete a file", "Delete a file.", "files:delete")
    delete.add_argument("file_id")

    download = _command(
        actions,
        "download",
        "download a file's content",
        "Download a file's content to a path as it arrives, with a progress bar. A file at the -o\n"
        "path is replaced once the download is complete; a failed download leaves it as it was.\n"
        "Without -o the file is saved under its own name in the current directory, which must not\n"
        "exist yet unless --force is given.",
        "files:download",
    )
    download.add_argument("file_id")
    download.add_argument(
        "-o", "--output", metavar="PATH", help="where to write it (default: the file's name, here)"
    )
    download.add_argument(
        "-f",
        "--force",
        action="store_true",
        help="without -o: replace a local file of the same name (refused by default)",
    )
    _progress(download)


def _collections(commands: Commands) -> None:
    collections = _command(
        commands,
        "collections",
        "create, list and search collections of documents",
        "Collections of documents for retrieval. Managing them needs XAI_MANAGEMENT_KEY; searching\n"
        "needs only XAI_API_KEY.\n\n"
        "examples:\n"
        "  xai collections create handbook\n"
        "  xai collections upload collection-123 leave-policy.md\n"
        '  xai collections search "days of leave" --collection collection-123',
        None,
    )
    actions = _subcommands(collections)

    create = _command(actions, "create", "create a collection", "Create a collection.", "collections:create")
    create.add_argument("name")
    create.add_argument("--description", help="what the collection holds")
    create.add_argument("--model", help="the embedding model (server default if left out)")
    _json(create, "the collection")

    listing = _command(
        actions, "list", "list collections", "List one page of collections.", "collections:list_collections"
    )
    listing.add_argument("--limit", type=int, help="collections per page")
    listing.add_argument("--page", metavar="TOKEN", help="the token of the page to show (printed on stderr)")
    _json(listing, "the page")

    delete = _command(actions, "delete", "delete a collection", "Delete a collection.", "collections:delete")
    delete.add_argument("collection_id")

    upload = _command(
        actions,
        "upload",
        "upload a document into a collection",
        "Upload a file as a document of a collection and wait until it is indexed.",
        "collections:upload",
    )
    upload.add_argument("collection_id")
    upload.add_argument("path", help="the document to upload")
    upload.add_argument("--name", help="its name (default: the file's name)")
    upload.add_argument(
        "--field",
        action="append",
        metavar="KEY=VALUE",
        help="a metadata field of the document (repeat for several)",
    )
    upload.add_argument("--no-wait", action="store_true", help="return without waiting for the indexing")
    _json(upload, "the document")

    documents = _command(
        actions,
        "documents",
        "list a collection's documents",
        "List one page of a collection's documents.",
        "collections:documents",
    )
    documents.add_argument("collection_id")
    documents.add_argument("--limit", type=int, help="documents per page")
    documents.add_argument(
        "--page", metavar="TOKEN", help="the token of the page to show (printed on stderr)"
    )
    _json(documents, "the page")

    search = _command(
        actions,
        "search",
        "search collections",
        "Find the chunks of the collections' documents that best match a query.",
        "collections:search",
    )
    search.add_argument("query", help="what to look for")
    search.add_argument(
        "-c",
        "--collection",
        action="append",
        required=True,
        metavar="ID",
        help="a collection to search (repeat for several)",
    )
    search.add_argument("--limit", type=int, help="the most matches to show")
    search.add_argument("--mode", help="hybrid, semantic or keyword")
    _json(search, "the matches")


def _emulator(commands: Commands) -> None:
    # Its options are those of `xai-emulator` (xai_sdk.emulator.cli): the handler parses them,
    # so that the emulator is imported only when it runs.
    commands.add_parser(
        "emulator",
        help="serve a local fake of the API; print the environment to export",
        add_help=False,
    ).set_defaults(handler="emulator:run", forward_arguments=True)


def build_parser() -> Parser:
    """The parser of ``xai`` and all its commands."""
    parser = Parser(
        prog="xai",
        description="The xAI API from a shell. Configured by the same environment as the SDK.",
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"xai {xai_sdk.__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="log each call to stderr and show tracebacks of errors"
    )
    parser.set_defaults(handler=None, usage_parser=parser, forward_arguments=False)
    commands = _subcommands(parser)
    for add in (_chat, _models, _tokenize, _image, _files, _collections, _emulator):
        add(commands)
    return parser
