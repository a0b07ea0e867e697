"""Which vector space search uses (the settings' model, or an offline fallback's index), and its loaded index."""

from __future__ import annotations

import logging

from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.errors import IndexFileError, KnownError
from callcenter_ai.core.index.manifest import list_manifests, manifest_path, read_manifest
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import HINTS, Message, msg
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)


def add_note(notes: list[Message], note: Message) -> None:
    """A note for the results of this query (and the log)."""
    log.warning("%s", note)
    notes.append(note)


def preferred_model_id(settings: Settings) -> str:
    """The vector space the settings ask for (a local model folder by its stable name), without loading it."""
    from callcenter_ai.core.embedding.model_id import model_name, native_dims

    native = native_dims(settings.model)
    return space_id(model_name(settings.model), min(settings.dims, native) if native else settings.dims)


def resolve_index_model_id(settings: Settings) -> str | None:
    """The model id whose index search uses: the settings' model, else an offline fallback's index."""
    preferred = preferred_model_id(settings)
    if manifest_path(settings.index_dir, preferred).exists():
        return preferred
    if settings.offline_fallback:
        for path in list_manifests(settings.index_dir):
            try:
                model_id = read_manifest(path).model_id
            except KnownError:
                continue
            if model_id.startswith("offline/"):
                return model_id
    return None


class ServedIndex:
    """The dense index search uses, loaded once and again when its manifest changes on disk."""

    def __init__(self, settings: Settings, pinned_model_id: str | None = None) -> None:
        self.settings = settings
        self.pinned_model_id = pinned_model_id
        self._index: VectorIndex | None = None
        self._stamp: tuple[str, int] | None = None
        self.serving_previous = False  # a newer generation is on disk but failed its checks

    @property
    def model_id(self) -> str | None:
        """The pinned model id when it has an index, else :func:`resolve_index_model_id` (None: no index)."""
        if self.pinned_model_id is not None:
            exists = VectorIndex.exists(self.settings.index_dir, self.pinned_model_id)
            return self.pinned_model_id if exists else None
        return resolve_index_model_id(self.settings)

    def load(self) -> VectorIndex | None:
        """Load (and verify) the index now; None when there is none."""
        model_id = self.model_id
        if model_id is None:
            self._index, self._stamp = None, None
            return None
        stamp = (model_id, manifest_path(self.settings.index_dir, model_id).stat().st_mtime_ns)
        if self._index is None or self._stamp != stamp:
            try:
                index = VectorIndex.load(self.settings.index_dir, model_id, mapped=True)
                index.part("all")
            except IndexFileError as exc:
                if self._index is None or self._index.model_id != model_id:
                    raise
                # The generation already loaded stays valid until a new one is verified (tried again next query).
                log.warning("the updated index cannot be read, the previous one serves: %s", exc.message)
                self.serving_previous = True
                return self._index
            self._index, self._stamp, self.serving_previous = index, stamp, False
        return self._index

    def usable(self, mode: str, side: str | None, notes: list[Message]) -> VectorIndex | None:
        """The index for a query of ``mode`` on ``side``; None (with a note) when the search goes keyword-only.

        Semantic mode raises instead: it has no keyword fallback.
        """
        try:
            index = self.load()
            if index is not None and side and index.count(side):
                index.part(side)  # verified now, so a damaged side part falls back like the whole index
        except IndexFileError as exc:
            if mode == "semantic":
                raise
            log.warning("semantic index unusable: %s", exc.message)  # the path stays in the log
            add_note(notes, msg("search.note.index_unusable"))
            return None
        if index is None:
            if mode == "semantic":
                raise IndexFileError(
                    msg("search.no_index", folder=self.settings.index_dir), hint=HINTS["search.no_index"]
                )
            add_note(notes, msg("search.note.no_index"))
            return None
        if self.serving_previous:
            notes.append(msg("search.note.previous_index"))
        if self.pinned_model_id is None and index.model_id != preferred_model_id(self.settings):
            notes.append(msg("search.note.offline_index", model=index.model_id))
        if side and index.count(side) == 0 and index.count("all") > 0:
            side_name = msg(f"side.{side}")
            if mode == "semantic":
                message = msg("search.no_side_vectors", model=index.model_id, side=side_name)
                raise IndexFileError(message, hint=HINTS["search.side_vectors"])
            add_note(notes, msg("search.note.no_side_vectors", model=index.model_id, side=side_name))
            return None
        return index
