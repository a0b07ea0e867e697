"""Every user option, declared once with its type, default and help.

Values come, later winning, from: the defaults below, ``HOME/settings.json``,
environment variables named in an option's ``env``, and explicit overrides
(command-line flags).  Window state (geometry, splitters) is not kept here;
the GUI keeps it apart with ``QSettings``.

The home folder holds ``data/callcenter.db`` and ``indexes/``.  It defaults to
the checkout when run from one (the folder with ``pyproject.toml``), else to the
per-user data folder (platformdirs: ``~/.local/share/CallCenterAI`` on Linux,
``%LOCALAPPDATA%\\CallCenterAI`` on Windows), and is overridden by ``--home DIR``
or ``CALLCENTER_HOME``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg

SETTINGS_VERSION = 1
SETTINGS_FILE = "settings.json"
DEFAULT_MODEL = "Qwen/Qwen3-Embedding-0.6B"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "CallCenterAI"


def default_home(root: Path = PROJECT_ROOT) -> Path:
    """The checkout at ``root`` when run from one, else the per-user data folder (an installed package)."""
    if (root / "pyproject.toml").is_file():
        return root
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _opt(default: Any, help: str, *, env: str = "", choices: tuple[Any, ...] = (), signed: bool = False) -> Any:
    return field(default=default, metadata={"help": help, "env": env, "choices": choices, "signed": signed})


@dataclass(frozen=True)
class Settings:
    """The app's options.  Build with :func:`load_settings`."""

    home: Path = _opt(default_home(), "Folder holding data/ and indexes/.", env="CALLCENTER_HOME")
    # Embedding model and processor.
    model: str = _opt(DEFAULT_MODEL, "Model name on the hub or a local folder.", env="CALLCENTER_MODEL")
    device: str = _opt("auto", "Where to embed.", env="CALLCENTER_DEVICE", choices=("auto", "cuda", "cpu"))
    precision: str = _opt(
        "auto",
        "auto = bf16 on CUDA where supported, else fp16; on the CPU int8 (dynamic quantisation) for big models,"
        " else fp32. int8 is CPU only.",
        choices=("auto", "bf16", "fp16", "fp32", "int8"),
    )
    batch_size: int = _opt(32, "Texts per batch at most.")
    batch_token_budget: int = _opt(65536, "Padded tokens per batch at most (batch x longest).")
    max_tokens: int = _opt(2048, "Context limit of one chunk, in tokens.")
    dims: int = _opt(1024, "Vector size kept (Matryoshka cut).", choices=(1024, 512, 256))
    idle_unload_s: float = _opt(300.0, "Unload an interactive model after this many idle seconds.")
    offline_fallback: bool = _opt(True, "Use the offline embedder when the model cannot be loaded.")
    side_vectors: bool = _opt(True, "Also embed each side's own turns (client / operator) for search by side.")
    # Search.
    search_k: int = _opt(10, "Results per query.")
    search_mode: str = _opt("hybrid", "Default search mode.", choices=("semantic", "keyword", "hybrid"))
    rrf_k: int = _opt(60, "Reciprocal rank fusion constant.")
    dense_weight: float = _opt(3.0, "Weight of the semantic ranking in fusion (3:1 measured best, docs/SEARCH.md).")
    keyword_weight: float = _opt(1.0, "Weight of the keyword ranking in fusion.")
    similarity: str = _opt(
        "neighbours",
        "Semantic scores: neighbours = calls re-scored with their nearest calls in the store when its"
        " neighbourhoods are flat (fitted by the index job, docs/SEARCH.md); plain = the embedder's cosine.",
        choices=("neighbours", "plain"),
    )
    nothing_close_below: float = _opt(
        -2.0,
        "Results whose cosine is below this are marked below_threshold ('nothing close'); below -1 = the line"
        " measured on the store (docs/SEARCH.md), the model's calibrated value until it is measured.",
        signed=True,  # a cosine: -1 marks nothing
    )
    # Feedback and privacy.
    rerank_min_ratings: int = _opt(50, "Ratings needed before re-ranking from them is switched on.")
    redact_on_import: bool = _opt(False, "Redact personal data (phones, cards, ...) when importing.")
    # Where the calls live: empty = the home's SQLite file; postgresql://... = a PostgreSQL server (DEPLOY.md).
    database_url: str = _opt(
        "",
        "Empty: the home's SQLite file. postgresql://...: a PostgreSQL server (also env DATABASE_URL).",
        env="CALLCENTER_DATABASE_URL",
    )
    # The window as a client of a central server (docs/DEPLOY.md); the token is kept in the system keyring.
    server_url: str = _opt(
        "", "Empty: the window works on its home. http(s)://HOST:PORT: the server it connects to at start."
    )
    # HTTP API.
    api_host: str = _opt("127.0.0.1", "Address the API binds to.")
    api_port: int = _opt(8765, "Port of the API.")
    api_token: str = _opt("", "Bearer token required when the API binds beyond loopback.", env="CALLCENTER_API_TOKEN")
    api_max_body_bytes: int = _opt(1_000_000, "Largest request body the API accepts.")
    # Interface.
    language: str = _opt("ru", "Interface language.", choices=("ru", "en"))

    @property
    def db_path(self) -> Path:
        return self.home / "data" / "callcenter.db"

    @property
    def index_dir(self) -> Path:
        return self.home / "indexes"

    @property
    def settings_path(self) -> Path:
        return self.home / SETTINGS_FILE


def option_names() -> list[str]:
    return [f.name for f in fields(Settings)]


def describe_options() -> list[dict[str, Any]]:
    """Name, type, default, env variable and help of every option."""
    out = []
    for f in fields(Settings):
        out.append(
            {
                "name": f.name,
                "type": _type_name(f.type),
                "default": str(f.default),
                "env": f.metadata["env"],
                "choices": list(f.metadata["choices"]),
                "help": f.metadata["help"],
            }
        )
    return out


def _type_name(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))


def _coerce(name: str, raw: Any, source: str) -> Any:
    f = {f.name: f for f in fields(Settings)}[name]
    kind = _type_name(f.type)
    try:
        if kind == "bool":
            if isinstance(raw, bool):
                value: Any = raw
            elif str(raw).strip().lower() in ("1", "true", "yes", "on"):
                value = True
            elif str(raw).strip().lower() in ("0", "false", "no", "off"):
                value = False
            else:
                raise ValueError(raw)
        elif kind == "int":
            if isinstance(raw, bool):
                raise ValueError(raw)
            value = int(raw)
        elif kind == "float":
            value = float(raw)
        elif kind == "Path":
            value = Path(raw).expanduser()
        else:
            value = str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(msg("config.wrong_type", source=source, name=name, kind=kind, value=raw)) from exc
    choices = f.metadata["choices"]
    if choices and value not in choices:
        raise ConfigError(msg("config.not_a_choice", source=source, name=name, choices=list(choices), value=raw))
    if kind in ("int", "float") and value < 0 and not f.metadata["signed"]:
        raise ConfigError(msg("config.negative", source=source, name=name, value=raw))
    return value


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(msg("config.unreadable", path=path, error=exc)) from exc
    if not isinstance(data, dict):
        raise ConfigError(msg("config.not_object", path=path))
    version = data.pop("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version > SETTINGS_VERSION:
        raise ConfigError(msg("config.version_too_new", path=path, version=version))
    unknown = sorted(set(data) - set(option_names()) - {"home"})
    if unknown:
        raise ConfigError(msg("config.unknown_options", path=path, names=unknown))
    data.pop("home", None)
    return {k: _coerce(k, v, str(path)) for k, v in data.items()}


def load_settings(
    home: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Defaults, then HOME/settings.json, then the environment, then ``overrides``."""
    env = os.environ if environ is None else environ
    if home is None:
        home = env.get("CALLCENTER_HOME") or default_home()
    values: dict[str, Any] = {"home": Path(home).expanduser().resolve()}
    values.update(_read_file(values["home"] / SETTINGS_FILE))
    for f in fields(Settings):
        var = f.metadata["env"]
        if var and var != "CALLCENTER_HOME" and env.get(var):
            values[f.name] = _coerce(f.name, env[var], f"environment {var}")
    if "database_url" not in values and env.get("DATABASE_URL"):  # the deployment convention
        values["database_url"] = _coerce("database_url", env["DATABASE_URL"], "environment DATABASE_URL")
    for name, raw in (overrides or {}).items():
        if raw is not None:
            if name not in option_names():
                raise ConfigError(msg("config.unknown_option", name=name))
            values[name] = _coerce(name, raw, "command line")
    return Settings(**values)


def save_settings(settings: Settings, changes: dict[str, Any]) -> Settings:
    """Validate ``changes``, write them to HOME/settings.json atomically, return new settings."""
    current = _read_file(settings.settings_path)
    for name, raw in changes.items():
        if name == "home" or name not in option_names():
            raise ConfigError(msg("config.unknown_option", name=name))
        current[name] = _coerce(name, raw, "settings")
    payload = {"version": SETTINGS_VERSION, **{k: (str(v) if isinstance(v, Path) else v) for k, v in current.items()}}
    settings.home.mkdir(parents=True, exist_ok=True)
    tmp = settings.settings_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, settings.settings_path)
    return replace(settings, **{k: current[k] for k in changes})
