"""The recommendation rules on measured figures, and the parts they read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from callcenter_ai.core.diagnostics.recommend import Context, recommend
from callcenter_ai.core.diagnostics.sizing import ModelSize, model_size, ram_to_load
from callcenter_ai.core.diagnostics.system import cpu_info
from callcenter_ai.core.settings import Settings

GIB = 1024**3
QWEN = ModelSize("Qwen/Qwen3-Embedding-0.6B", 595_776_512, 1024, "known")


def context(settings: Settings, **changes: Any) -> Context:
    values: dict[str, Any] = {
        "settings": settings,
        "ram": {"total_bytes": 24 * GIB, "available_bytes": 20 * GIB, "percent": 17.0},
        "swap": {"kind": "swap", "total_bytes": 0, "free_bytes": 0},
        "cpu": {"physical_cores": 2, "avx512_bf16": False, "amx_bf16": False},
        "gpu": {"status": "no_driver", "message": "no NVIDIA driver", "devices": []},
        "software": {"cuda_available": False, "torch": "2.13.0+cpu"},
        "size": QWEN,
        "system": "Linux",
    }
    values.update(changes)
    return Context(**values)


def gpu(name: str, total_gib: float, free_gib: float, cc: str) -> dict[str, Any]:
    return {"status": "ok", "message": "", "devices": [
        {"index": 0, "name": name, "total_bytes": int(total_gib * GIB), "free_bytes": int(free_gib * GIB),
         "compute_capability": cc}]}  # fmt: skip


def test_rtx_3060_gets_cuda_bf16_and_full_context(settings: Settings) -> None:
    recs, findings = recommend(
        context(settings, gpu=gpu("RTX 3060", 12, 11.5, "8.6"), software={"cuda_available": True})
    )
    assert findings == []
    assert recs["device"] == "auto" and recs["precision"] == "bf16" and recs["max_tokens"] == 2048
    # (11.5 * 0.9 - 1.11 - 0.5) GiB at about 46 KiB per token -> about 190k tokens, capped at 131072.
    assert recs["batch_size"] == 64 and recs["batch_token_budget"] == 64 * 2048


def test_small_old_gpu_gets_fp16_and_a_smaller_batch(settings: Settings) -> None:
    recs, findings = recommend(context(settings, gpu=gpu("GTX 1660", 6, 5.5, "7.5"), software={"cuda_available": True}))
    assert recs["precision"] == "fp16"
    assert [f.code for f in findings] == ["fp16_nan_risk"] and findings[0].level == "info"
    # (5.5 * 0.9 - 1.11 - 0.5) GiB = 3.34 GiB at 46 KiB per token: about 75k tokens -> 32 x 2048... minus rounding.
    assert recs["max_tokens"] == 2048 and 16 <= recs["batch_size"] <= 40


def test_full_gpu_falls_back_to_cpu_with_a_warning(settings: Settings) -> None:
    recs, findings = recommend(
        context(settings, gpu=gpu("RTX 3060", 12, 1.0, "8.6"), software={"cuda_available": True})
    )
    assert recs["device"] == "cpu"
    assert [f.code for f in findings] == ["gpu_memory_low"]
    assert recs["apply"].startswith("python -m callcenter_ai settings set device=cpu")


def test_cuda_setting_without_gpu_warns(home: Path) -> None:
    settings = Settings(home=home, device="cuda")
    _recs, findings = recommend(context(settings))
    assert [f.code for f in findings] == ["cuda_setting_without_gpu"]


def test_cpu_context_and_batch_follow_the_measured_speed(settings: Settings) -> None:
    slow, _ = recommend(context(settings, measured_tokens_per_s=30.0))
    fast, _ = recommend(context(settings, measured_tokens_per_s=400.0, measured_bytes_per_token=200_000))
    assert slow["max_tokens"] == 256 and slow["batch_token_budget"] <= 30 * 30
    assert fast["max_tokens"] == 2048 and fast["batch_token_budget"] == 8192
    assert "measured" in fast["reasons"]["max_tokens"] and "measured" in fast["reasons"]["batch_token_budget"]


def test_dims_shrink_when_the_index_would_not_fit(settings: Settings) -> None:
    small = {"total_bytes": 8 * GIB, "available_bytes": 6 * GIB, "percent": 25.0}
    assert recommend(context(settings, ram=small, vectors=400_000))[0]["dims"] == 1024
    assert recommend(context(settings, ram=small, vectors=1_000_000))[0]["dims"] == 512
    assert recommend(context(settings, ram=small, vectors=1_500_000))[0]["dims"] == 256
    recs, findings = recommend(context(settings, ram=small, vectors=3_000_000))
    assert recs["dims"] == 256 and [f.code for f in findings] == ["index_too_big"]


def test_unknown_model_size_is_said_not_guessed(settings: Settings) -> None:
    _recs, findings = recommend(context(settings, size=ModelSize("someone/else", None, None, "unknown")))
    assert [(f.level, f.code) for f in findings] == [("info", "model_size_unknown")]


def test_model_size_from_a_local_folder(tiny_model_dir: Path) -> None:
    size = model_size(str(tiny_model_dir))
    assert size.source == "folder" and size.hidden_size == 64
    from safetensors import safe_open

    with safe_open(str(tiny_model_dir / "model.safetensors"), framework="numpy") as fh:
        expected = sum(fh.get_tensor(k).size for k in fh.keys())  # noqa: SIM118
    assert size.params == expected
    assert ram_to_load(size, "cpu") == int(expected * 4 * 1.25) + GIB


def test_known_model_size_without_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path))
    size = model_size("Qwen/Qwen3-Embedding-0.6B")
    assert (size.params, size.source) == (595_776_512, "known")
    assert model_size("nobody/nothing").params is None


def test_cpu_flags_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(
        "processor\t: 0\nmodel name\t: AMD EPYC 9B45\nflags\t\t: fpu sse avx avx2 avx512f avx512_bf16 avx512_vnni\n"
        "processor\t: 1\nmodel name\t: AMD EPYC 9B45\nflags\t\t: fpu sse avx avx2 avx512f avx512_bf16 avx512_vnni\n"
    )
    info = cpu_info(cpuinfo)
    assert info["model"] == "AMD EPYC 9B45" and info["flags_source"] == str(cpuinfo)
    assert (info["avx2"], info["avx512"], info["avx512_bf16"], info["avx512_vnni"], info["amx_bf16"]) == (
        True, True, True, True, False)  # fmt: skip
    missing = cpu_info(tmp_path / "absent")
    assert missing["flags_source"] in (None, "torch")


def test_cpu_precision_keeps_cpu_choices_and_replaces_gpu_ones(home: Path) -> None:
    for chosen, expected in (("auto", "auto"), ("int8", "int8"), ("fp32", "fp32"), ("bf16", "auto"), ("fp16", "auto")):
        recs, _ = recommend(context(Settings(home=home, precision=chosen)))
        assert recs["precision"] == expected, chosen
    assert "int8" in recs["reasons"]["precision"] and "emulated" in recs["reasons"]["precision"]
