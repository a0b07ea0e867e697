"""The English texts of the core's message catalog: templates (:data:`MESSAGES`), hints (:data:`HINTS`).

Kept apart from :mod:`callcenter_ai.core.messages`, which renders them; add a key here and its
Russian text through ``python -m callcenter_ai.gui.i18n`` (a test fails on a key without one).
"""

from __future__ import annotations

from typing import Final

# fmt: off
MESSAGES: Final[dict[str, str]] = {
    # A problem at a place in a file (``reason`` is a Message).
    "input.at_line": "{source}:{line}: {reason}",
    "input.header_problem": "{source}:{line}: the header: {reason}",
    # Reading an import file.
    "input.no_such_file": "{source}: no such file",
    "input.not_a_file": "{source}: not a file",
    "input.cannot_read": "{source}: cannot read the file ({error})",
    "input.empty_file": "{source}: the file is empty",
    "input.utf16": "{source}: the file is UTF-16 text, which is not supported",
    "input.not_text": "{source}: not a text file ({why}); expected JSON Lines or CSV in UTF-8 or Windows-1251",
    "input.why.nul_byte": "a NUL byte at offset {offset}",
    "input.why.bad_byte": "byte 0x{byte:02x} at offset {offset} is neither UTF-8 nor Windows-1251 text",
    "input.why.control_chars": "{count} control characters in the first {mb:.1f} MB",
    "input.line_too_long": "the line is longer than {mb:.1f} MB",
    "input.bad_encoding": "not valid {encoding} text (byte 0x{byte:02x} at byte {position})",
    "input.bad_encoding_cp1251": (
        "not valid {encoding} text (byte 0x{byte:02x} at byte {position});"
        " this line looks like Windows-1251 while the rest of the file is UTF-8"
    ),
    "input.no_calls": "{source}: no calls in the file",
    "input.invalid_records": "{source}: {invalid} of {records} records are invalid; nothing was imported",
    "input.more_problems": "... and {hidden} more problems",
    "input.json_array": "{source}:{line}: a JSON array, not JSON Lines",
    # CSV.
    "csv.blank_file": "{source}: the file has only blank lines",
    "csv.bad_header": "{source}:{line}: the header is not valid CSV ({error})",
    "csv.single_column": (
        "{source}:1: the header has a single column; expected columns such as id, speaker, text "
        "separated by ';', ',' or tab"
    ),
    "csv.column_twice": "{source}:1: the column {column!r} appears twice",
    "csv.columns_same_meaning": "{source}:1: the columns {first!r} and {second!r} both mean {name!r}",
    "csv.no_id_column": "{source}:1: no call id column in the header {columns}",
    "csv.no_text_column": "{source}:1: no text column in the header {columns}",
    "csv.broken_row": "broken CSV: {error}",
    "csv.cell_count": "the row has {cells} cells, the header has {width}",
    "csv.order_empty": "the turn order is empty",
    "csv.order_repeats": "turn order {position:g} repeats line {line}",
    "csv.value_differs": "{value!r} differs from {first!r} on line {line}",
    # JSON Lines.
    "json.too_deep": "broken JSON: nested too deeply",
    "json.decode": "broken JSON: {error} (column {column})",
    "json.constant": "broken JSON: {name} is not valid JSON",
    "json.other": "broken JSON: {error}",
    "json.not_object": "expected one call as a JSON object {{...}}, got {type}",
    "json.metadata_twice": "key {key!r} is given both at the top level and in metadata",
    "json.turns_and_text": "give either turns or text, not both",
    "json.no_turns_or_text": "the call has neither turns nor text",
    "json.turns_not_array": "turns must be an array of {{speaker, text}} objects",
    "json.turns_empty": "turns is empty",
    "json.turn_not_object": "must be an object with speaker and text",
    "json.reserved_key": "{key!r} is reserved for unknown keys of turns",
    # Python's JSON decoder messages (``json.decode``'s error), where known.
    "json.error.expecting_value": "Expecting value",
    "json.error.expecting_comma": "Expecting ',' delimiter",
    "json.error.expecting_colon": "Expecting ':' delimiter",
    "json.error.expecting_name": "Expecting property name enclosed in double quotes",
    "json.error.unterminated_string": "Unterminated string starting at",
    "json.error.control_character": "Invalid control character at",
    "json.error.bad_escape": "Invalid \\escape",
    "json.error.bad_unicode_escape": "Invalid \\uXXXX escape",
    "json.error.extra_data": "Extra data",
    # Fields of a call.
    "field.surrogate": "contains an invalid Unicode character (a lone surrogate)",
    "field.nul": "contains a NUL character",
    "field.id_missing": "the call id is missing",
    "field.id_type": "the call id must be a string or an integer, got {kind}",
    "field.id_empty": "the call id is empty",
    "field.id_too_long": "the call id is longer than {limit} characters",
    "field.duplicate_id": "duplicate call id {id!r} (first on line {first})",
    "field.speaker_empty": "the speaker is empty",
    "field.speaker_missing": "the speaker is missing",
    "field.speaker_unknown": "unknown speaker {value}; use operator, client or unknown (оператор, клиент)",
    "field.text_missing": "the text is missing",
    "field.text_type": "the text must be a string, got {kind}",
    "field.text_empty": "the text is empty",
    "field.text_too_long": "the text has {chars:,} characters, more than the {limit:,} allowed",
    "field.turn_empty": "the turn has no words; it was dropped",
    "field.no_words": "every turn of the call is empty: no words to import",
    "field.call_too_long": "the call's turns hold {chars:,} characters, more than the {limit:,} allowed for a call",
    "field.number_too_large": "must be at most {limit} seconds, got {value}",
    "field.date_out_of_range": "is outside the years 1 to 9999 once converted to UTC: {value}",
    "field.number_text": "must be a number, got {value}",
    "field.number_type": "must be a number, got {kind} {value}",
    "field.number_not_finite": "must be a finite number, got {value}",
    "field.number_negative": "must not be negative, got {value}",
    "field.start_after_end": "start {start} is after end {end}",
    "field.date_type": "must be an ISO 8601 date-time string, got {kind}",
    "field.date_invalid": "is not a valid date: {value}",
    "field.date_not_iso": "is not an ISO 8601 date-time like 2026-03-01T10:15:00+03:00: {value}",
    "field.label_type": "must be a string, got {kind}",
    "field.metadata": "metadata must be JSON without NaN and with valid Unicode text",
    # Kinds of JSON value (the ``kind`` of the field messages).
    "kind.object": "an object",
    "kind.array": "an array",
    "kind.string": "a string",
    "kind.boolean": "true/false",
    "kind.null": "null",
    "kind.number": "a number",
    # The store.
    "store.no_database": "{path}: no database yet",
    "store.schema_too_new": "{path}: database schema {version} is newer than this app ({latest})",
    "store.locked": "{path}: the database is locked by another program",
    "store.corrupt": "{path}: the database file is damaged ({error})",
    "store.empty_file": "{path}: the database file is empty (0 bytes): it is not a store",
    "store.not_a_file": "{path}: not a file; the store must be a database file",
    "store.disk": "{path}: cannot write the database ({error})",
    "store.cannot_open": "{path}: cannot open the database ({error})",
    "store.no_server": "{path}: no connection to the database server ({error})",
    "store.error": "{path}: database error: {error}",
    "store.no_call_id": "no call with id {id!r}",
    "store.no_call_row": "no call with row id {id}",
    "store.value_out_of_range": "call {id!r}: a value is out of range for the store ({error})",
    # Indexes.
    "index.missing": "no index for {model} in {folder}",
    "index.manifest_damaged": "{path}: the index manifest is damaged ({error})",
    "index.manifest_unreadable": "{path}: cannot read the index manifest ({error})",
    "index.format_too_new": "{path}: index format {format} is newer than this app",
    "index.other_model": "{path}: the index was built for {built}, the settings ask for {wanted}",
    "index.other_dims": "{path}: the index holds {built}-d vectors, the settings ask for {wanted}",
    "index.unreadable": "{path}: unreadable ({error})",
    "index.no_part": "index of {model} has no {side!r} part",
    "index.not_faiss": "{path}: not a readable FAISS index ({error})",
    "index.part_dims": "{path}: holds {built}-d vectors, its manifest says {wanted}",
    "index.part_count": (
        "{path}: holds {count} vectors of kind {kind}, its manifest says {wanted_count} of kind {wanted_kind}"
    ),
    "index.file_unreadable": "{path}: cannot read the index file ({error})",
    "index.folder_is_file": "{path}: is a file, not the index folder",
    "index.folder_cannot_create": "{path}: cannot create the index folder ({error})",
    "index.checksum": "{path}: the index file fails its checksum (damaged or changed)",
    "index.old_calls_gone": (
        "none of the {calls:,} calls of the old index is in the store any more: their vectors are dropped"
        " (was the database replaced? restore it from a backup and rebuild the index to get them back)"
    ),
    # The embedding model.
    "model.unavailable": "cannot load the embedding model: {reason}",
    "model.load_failed": "cannot load the embedding model {model}: {error_type}: {error}",
    "model.no_memory": "not enough memory to load {model}: {error}",
    "model.no_memory_cpu": "cannot load {model} on the CPU either: {error}",
    # Settings.
    "config.wrong_type": "{source}: option {name!r} must be {kind}, got {value!r}",
    "config.not_a_choice": "{source}: option {name!r} must be one of {choices}, got {value!r}",
    "config.negative": "{source}: option {name!r} must not be negative, got {value!r}",
    "config.unreadable": "{path}: cannot read settings: {error}",
    "config.not_object": "{path}: settings must be a JSON object",
    "config.version_too_new": "{path}: settings version {version!r} is newer than this app knows",
    "config.unknown_options": "{path}: unknown options {names}",
    "config.unknown_option": "unknown option {name!r}",
    "config.blank_token": "api_token is blank or has blanks around it",
    # The HTTP API.
    "api.unauthorized": "a valid 'Authorization: Bearer <token>' header is required",
    "api.busy": "the server is busy; try again in a second",
    # Search.
    "search.empty_text": "the search text is empty",
    "search.k_too_small": "k must be at least 1, got {k}",
    "search.k_too_large": "k must be at most {limit:,}, got {k}",
    "search.k_not_whole": "k must be a whole number, got {k}",
    "search.query_too_long": "the search text is longer than {limit:,} characters",
    "search.bad_characters": "the search text contains a NUL character or an invalid Unicode character",
    "search.nothing_to_search": "nothing to search for: the text has no letters or digits",
    "search.bad_mode": "mode must be one of {modes}, got {mode!r}",
    "search.no_index": "no semantic index in {folder}",
    "search.call_no_vectors": "call {id!r} has no stored vectors for {model}",
    "search.call_no_side_vectors": "call {id!r} has no stored vectors for {model} on the {side} side",
    "search.no_side_vectors": "the index of {model} has no {side}-side vectors",
    "search.no_embedder": "no embedding model is configured for free-text search",
    # Notes returned with search results: the search still answered, in a narrower way.
    "search.note.no_index": "no semantic index yet: keyword search only",
    "search.note.index_unusable": (
        "the semantic index cannot be used (damaged or changed): keyword search only;"
        " Run `python -m callcenter_ai index --rebuild` (vectors come from the store; no re-embedding)."
    ),
    "search.note.previous_index": (
        "the index was updated but the new version fails its checks: searching the version before it;"
        " Run `python -m callcenter_ai index --rebuild` to write it again."
    ),
    "search.note.offline_index": "the model's index is missing; using the offline embedder's index {model}",
    "search.note.semantic_skipped": "semantic part skipped: {reason}",
    "search.note.no_side_vectors": "the index of {model} has no {side}-side vectors: keyword search only",
    "search.note.call_no_vectors": "call {id!r} has no vectors yet: keyword similarity only",
    "search.note.keyword_not_updated": "keyword index not updated: {reason}",
    "search.embedder_other_model": "the index holds vectors of {model}, the embedder is {embedder}",
    "search.embedder_other_dims": (
        "the index holds {dims}-d vectors of {model}, the embedder gave {got}-d vectors of {embedder}"
    ),
    # The side of a call (``side`` of the search messages).
    "side.client": "client",
    "side.operator": "operator",
    # Search filters.
    "filter.bad_side": "side must be 'client' or 'operator', got {side!r}",
    "filter.negative": "{name} must not be negative, got {value}",
    "filter.bad_date": "not an ISO date or date-time: {text!r}",
    "filter.from_after_to": "the start date {start!r} is after the end date {end!r}",
    "filter.min_above_max": "min_duration {low:g} is larger than max_duration {high:g}",
    "filter.not_a_number": "{name} must be a number, got {value}",
    "filter.not_finite": "{name} must be a finite number, got {value}",
    "filter.too_large": "{name} must be at most {limit} seconds, got {value}",
    "filter.not_text": "{name} must be text, got {value}",
    "filter.bad_characters": "{name} contains a NUL character or an invalid Unicode character",
    # Ratings.
    "rating.query_or_source": "a rating needs either a query text or a source dialog id, not both",
    "rating.empty_query": "the query text of a rating is empty",
    "rating.query_too_long": "the query text is longer than {limit} characters",
    "rating.comment_too_long": "the comment is longer than {limit} characters",
    "rating.bad_rank": "rank must be 1 or more, got {rank}",
    # API users.
    "auth.bad_name": "{name!r}: a user name is 1 to 100 characters with no spaces",
    "auth.bad_role": "role {role!r} is not one of {roles}",
    "auth.user_exists": "user {name!r} exists already",
    "auth.no_user": "no user {name!r}",
    # The demo set.
    "demo.bad_count": "the demo set needs 1 to {limit:,} calls, got {calls}",
    # Embedding.
    "model.offline_missing": "the offline embedder is not installed",
    "model.out_of_memory": "out of memory even at batch 1 with a {context}-token context on the CPU: {error}",
    # The window's store.
    "store.no_calls_yet": "no calls yet",
    # Analytics: topics, trends, repeat calls, saved searches.
    "topics.no_vectors": "no embedded calls to find topics in",
    "topics.too_few": "{calls} embedded calls are too few to find topics (at least {minimum})",
    "topics.bad_k": "the number of topics must be 2 to {limit}, got {k}",
    "topics.bad_side": "unknown side {side!r}; expected one of: {sides}",
    "topics.unknown_topic": "no topic {topic_id}; the topics are: {known}",
    "trends.bad_by": "unknown period {by!r}; expected day, week or month",
    "trends.no_dates": "no call has a start time, so there is nothing to count by period",
    "trends.no_data": "no calls in the period {period}",
    "repeats.bad_days": "days must be 1 to {limit}, got {days}",
    "saved.bad_name": "a saved search needs a name of 1 to {limit} characters",
    "saved.exists": "a saved search named {name!r} already exists",
    "saved.unknown": "no saved search named {name!r}",
    "saved.broken": "the saved search {name!r} no longer runs: {error}",
    "export.bad_suffix": "{path}: unknown table format; expected .csv or .xlsx",
    # The window connected to a central server (core/remote).
    "remote.bad_url": "{url!r} is not a server address; expected http://HOST:PORT or https://HOST",
    "remote.unreachable": "no connection to the server {url}: {error}",
    "remote.timeout": "the server {url} did not answer within {seconds:g} s",
    "remote.unauthorized": "the server {url} does not accept this token",
    "remote.forbidden": "the server {url} refused: {reason}",
    "remote.failed": "the server {url} failed ({status}): {reason}",
    "remote.bad_answer": "the server's answer is not what this app expects ({what}: {error})",
    "remote.no_keyring": "the token cannot be kept in the system keyring: {error}",
}
# fmt: on
