"""One diagnostics report: measure, recommend, grade, and render for people.

The report is a JSON-ready dict with at least ``ram``, ``swap`` and ``gpu``.
``exit_code`` grades it: 0 all well, 1 with warnings, 2 with errors.
"""

from __future__ import annotations

import logging
from typing import Any

from callcenter_ai.core.diagnostics.gpu import gpu_info, software_info
from callcenter_ai.core.diagnostics.recommend import Context, Finding, gib, recommend
from callcenter_ai.core.diagnostics.sizing import model_size
from callcenter_ai.core.diagnostics.system import cpu_info, platform_info, process_info, ram_info, swap_info
from callcenter_ai.core.embedding.base import space_id
from callcenter_ai.core.errors import StoreError
from callcenter_ai.core.settings import Settings

log = logging.getLogger(__name__)

REPORT_VERSION = 1
EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2


def stored_vector_count(settings: Settings) -> int | None:
    """Chunks (or, before embedding, calls) in the store; ``None`` without a store.  Never creates one."""
    if not settings.db_path.exists():
        return None
    from callcenter_ai.core.store import CallStore
    from callcenter_ai.core.store.vectors import chunk_ids

    try:
        with CallStore.open(settings.db_path, readonly=True) as store:
            chunks = len(chunk_ids(store.db, space_id(settings.model, settings.dims)))
            return max(chunks, store.count("calls"))
    except StoreError as exc:
        log.warning("cannot count stored vectors: %s", exc)
        return None


def collect_report(settings: Settings, *, load_test: dict[str, Any] | None = None) -> dict[str, Any]:
    """Measure this machine; ``load_test`` is the result of :func:`load_probe.probe_model` when run."""
    report: dict[str, Any] = {
        "version": REPORT_VERSION,
        "platform": platform_info(),
        "ram": ram_info(),
        "swap": swap_info(),
        "process": process_info(),
        "cpu": cpu_info(),
        "gpu": gpu_info(),
        "software": software_info(),
    }
    size = model_size(settings.model if load_test is None else str(load_test.get("model", settings.model)))
    report["model"] = size.to_dict()
    vectors = stored_vector_count(settings)
    report["store"] = {"path": str(settings.db_path), "vectors": vectors}
    ctx = Context(
        settings=settings,
        ram=report["ram"],
        swap=report["swap"],
        cpu=report["cpu"],
        gpu=report["gpu"],
        software=report["software"],
        size=size,
        system=report["platform"]["system"],
        vectors=vectors,
    )
    findings: list[Finding] = []
    if load_test is not None:
        report["load_test"] = load_test
        if load_test.get("ok"):
            ctx.measured_tokens_per_s = load_test.get("tokens_per_s")
            ctx.measured_bytes_per_token = load_test.get("ram_bytes_per_token")
        findings.extend(Finding(**f) for f in load_test.get("findings", []))
    recommendations, found = recommend(ctx)
    report["recommendations"] = recommendations
    findings = found + findings
    report["findings"] = [f.to_dict() for f in findings]
    code = exit_code(findings)
    report["status"] = {EXIT_OK: "ok", EXIT_WARNINGS: "warnings", EXIT_ERRORS: "errors"}[code]
    report["exit_code"] = code
    return report


def exit_code(findings: list[Finding]) -> int:
    levels = {f.level for f in findings}
    return EXIT_ERRORS if "error" in levels else EXIT_WARNINGS if "warning" in levels else EXIT_OK


def _yes(value: Any) -> str:
    return "?" if value is None else "yes" if value else "no"


def render_text(report: dict[str, Any]) -> str:
    """The report for an administrator, in English like the rest of the command line."""
    ram, swap, proc, cpu = report["ram"], report["swap"], report["process"], report["cpu"]
    lines = [
        "== Memory ==",
        f"RAM: {gib(ram['total_bytes'])} total, {gib(ram['available_bytes'])} available, "
        f"{gib(ram['used_bytes'])} used ({ram['percent']:.0f} %)",
        f"{swap['kind'].capitalize()}: {gib(swap['total_bytes'])} total, {gib(swap['used_bytes'])} used, "
        f"{gib(swap['free_bytes'])} free",
        f"This process: {gib(proc['rss_bytes'])} resident (pid {proc['pid']})",
        "== CPU ==",
        f"{cpu['model']}: {cpu['logical_cores']} logical / {cpu['physical_cores']} physical cores",
        f"AVX2 {_yes(cpu['avx2'])}, AVX-512 {_yes(cpu['avx512'])}, AVX-512 BF16 {_yes(cpu['avx512_bf16'])}, "
        f"AMX BF16 {_yes(cpu['amx_bf16'])}, VNNI {_yes(cpu['avx512_vnni'])}; torch dispatch {cpu['torch_capability']}",
        "== GPU ==",
    ]
    gpu, sw = report["gpu"], report["software"]
    if gpu["status"] == "ok":
        lines.append(f"NVIDIA driver {gpu['driver']}, CUDA driver {gpu['cuda_driver']}, {len(gpu['devices'])} GPU(s)")
    else:
        lines.append(gpu["message"])
    for dev in gpu["devices"]:
        util = "?" if dev["utilization_percent"] is None else f"{dev['utilization_percent']} %"
        lines.append(
            f"  [{dev['index']}] {dev['name']} (cc {dev['compute_capability']}): {gib(dev['total_bytes'])} total, "
            f"{gib(dev['free_bytes'])} free, {gib(dev['used_bytes'])} used, load {util}"
        )
        for p in dev["processes"]:
            lines.append(f"      pid {p['pid']} {p['name']}: {gib(p['used_bytes'])}")
    lines += [
        f"torch {sw['torch']} (CUDA build {sw['torch_cuda']}, CUDA usable {_yes(sw['cuda_available'])}); "
        f"sentence-transformers {sw['sentence_transformers']}",
        f"FAISS {sw['faiss']}: GPU build {_yes(sw['faiss_gpu_build'])}, GPUs {sw['faiss_gpus']}",
    ]
    model = report["model"]
    params = "?" if model["params"] is None else f"{model['params'] / 1e6:.1f}M parameters"
    lines += ["== Model ==", f"{model['name']}: {params} ({model['source']})"]
    if "load_test" in report:
        lines += ["== Load test ==", *_render_load_test(report["load_test"])]
    recs = report["recommendations"]
    lines.append("== Recommendations ==")
    for key in ("device", "precision", "batch_size", "batch_token_budget", "max_tokens", "dims"):
        reason = recs["reasons"].get(key, "")
        lines.append(f"{key:>18} = {recs[key]}" + (f"   ({reason})" if reason else ""))
    if recs.get("apply"):
        lines.append(f"apply with: {recs['apply']}")
    lines.append("== Findings ==")
    lines += [f"{f['level'].upper()}: {f['message']}" for f in report["findings"]] or ["none"]
    lines.append(f"status: {report['status']}")
    return "\n".join(lines)


def _render_load_test(test: dict[str, Any]) -> list[str]:
    out = [f"model {test['model']} on {test.get('device', '?')}"]
    for stage in test.get("stages", []):
        gpu = "" if stage.get("gpu_used_bytes") is None else f", GPU used {gib(stage['gpu_used_bytes'])}"
        out.append(
            f"  {stage['stage']:>13}: process {gib(stage['rss_bytes'])}, "
            f"RAM available {gib(stage['ram_available_bytes'])}{gpu}"
        )
    if test.get("ok"):
        out.append(
            f"  test batch: {test['texts']} texts, {test['tokens']} tokens in {test['batch_seconds']:.2f} s "
            f"({test['tokens_per_s']:.0f} tokens/s), peak process {gib(test['peak_rss_bytes'])}"
        )
    return out
