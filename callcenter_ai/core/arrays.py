"""The numpy array types the core passes around: vectors and FAISS / row ids."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]  # vectors: float32, one per row
IdArray = npt.NDArray[np.int64]  # chunk / call row ids, FAISS ids
