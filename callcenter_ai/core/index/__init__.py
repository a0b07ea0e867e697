"""The vector index: FAISS files of one model's vectors, kept up to date with the store.

The shells run :func:`index_job` (or :func:`update_index`) and search through
:class:`VectorIndex`; the modules of this package are its own.
"""

from __future__ import annotations

from callcenter_ai.core.index.files import check_index_folder
from callcenter_ai.core.index.update import IndexProgress, IndexReport, index_job, update_index
from callcenter_ai.core.index.vector_index import VectorIndex

__all__ = ["IndexProgress", "IndexReport", "VectorIndex", "check_index_folder", "index_job", "update_index"]
