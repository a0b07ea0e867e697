"""Qwen3 embedding models built locally, so tests and benchmarks need no model hub.

:func:`build_tiny_qwen3` writes a tiny random-weight Qwen3 model (hidden 64,
2 layers) as a sentence-transformers folder laid out like
``Qwen/Qwen3-Embedding-0.6B``: Transformer -> Pooling(lasttoken) -> Normalize,
a byte-level BPE tokenizer whose post-processor appends ``<|endoftext|>``
(also the pad token, padding on the left) and the query prompt in
``config_sentence_transformers.json``.  ``SentenceTransformer(folder)`` loads
it through the same code path as the real model.  It is deterministic for a
given seed and takes well under a second.

:func:`build_qwen3_full_shape` writes a model with Qwen3-Embedding-0.6B's exact
shape (28 layers, hidden 1024, 16 heads, 8 kv heads, head 128, MLP 3072) and
random weights: its speed and memory are the real model's, its vectors are
meaningless.  Only the vocabulary is smaller (it costs no FLOPs).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EOS_TOKEN = "<|endoftext|>"
SPECIAL_TOKENS = [EOS_TOKEN, "<|im_start|>", "<|im_end|>"]
# The prompt the real model ships in config_sentence_transformers.json.
QUERY_PROMPT = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery:"

_RU_SUBJECTS = [
    "Клиент",
    "Оператор",
    "Абонент",
    "Менеджер",
    "Пользователь",
    "Специалист поддержки",
    "Покупатель",
    "Сотрудник банка",
]
_RU_ACTIONS = [
    "просит вернуть деньги за заказ",
    "не может войти в личный кабинет",
    "жалуется на списание с карты",
    "хочет изменить тариф связи",
    "уточняет статус доставки",
    "сообщает о поломке роутера",
    "спрашивает про бонусы и скидки",
    "оформляет заявку на кредит",
    "блокирует потерянную карту",
    "переносит дату визита мастера",
    "ждёт ответа уже третий день",
    "благодарит за быструю помощь",
]
_RU_TAILS = [
    "и просит перезвонить позже.",
    "— номер договора продиктован.",
    ", вопрос решён на линии.",
    "; создана заявка в техподдержку.",
    "и недоволен качеством обслуживания.",
    "ещё раз по телефону.",
]
_EN_SUBJECTS = ["The customer", "The operator", "A caller", "The agent", "My manager", "The client"]
_EN_ACTIONS = [
    "asks for a refund on the last order",
    "cannot log in to the online account",
    "reports a double charge on the card",
    "wants to switch to a cheaper plan",
    "checks the delivery status of a parcel",
    "says the router stopped working",
    "asks about loyalty points and discounts",
    "applies for a small personal loan",
]
_EN_TAILS = ["and will call back tomorrow.", "; the ticket was escalated.", ", problem solved on the call."]
_EXTRA = [
    "Здравствуйте, чем могу помочь?",
    "Назовите, пожалуйста, номер телефона и дату рождения.",
    "Спасибо за ожидание, я проверил вашу заявку.",
    "Оставайтесь на линии, соединяю со специалистом.",
    "Хорошо, до свидания! Ёлка, щука, съешь же ещё этих мягких французских булок.",
    "Hello, how can I help you today?",
    "Please hold while I transfer you to billing.",
    "0123456789 +7 (495) 123-45-67 4276 1234 5678 9012 15.03.2025 12:30",
]


def training_sentences() -> list[str]:
    """A few hundred Russian and English call-center sentences for the tokenizer."""
    out = [f"{s} {a} {t}" for s in _RU_SUBJECTS for a in _RU_ACTIONS for t in _RU_TAILS[:3]]
    out += [f"{s} {a} {t}" for s in _EN_SUBJECTS for a in _EN_ACTIONS for t in _EN_TAILS]
    out += [f"оператор: {a}\nклиент: {b}" for a, b in zip(_RU_ACTIONS, reversed(_RU_ACTIONS), strict=True)]
    out += _RU_TAILS + _EXTRA
    return out


def build_tokenizer(folder: Path, vocab_size: int = 2000) -> int:
    """Train a byte-level BPE tokenizer, save it in ``folder``; return its vocabulary size."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(training_sentences(), trainer=trainer)
    eos_id = tokenizer.token_to_id(EOS_TOKEN)
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"$A {EOS_TOKEN}", pair=f"$A {EOS_TOKEN} $B {EOS_TOKEN}", special_tokens=[(EOS_TOKEN, eos_id)]
    )
    fast = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=tokenizer,
        eos_token=EOS_TOKEN,
        pad_token=EOS_TOKEN,
        padding_side="left",
        model_max_length=32768,
    )
    fast.save_pretrained(str(folder))
    return int(tokenizer.get_vocab_size())


def _save_sentence_transformer(folder: Path, config: Any, seed: int) -> Path:
    import torch
    from transformers import Qwen3Model

    torch.manual_seed(seed)
    model = Qwen3Model(config).eval()  # type: ignore[no-untyped-call]
    with torch.no_grad():
        # nn.Embedding zeroes the pad row; the real model's <|endoftext|> embedding is trained, not zero.
        model.embed_tokens.weight[config.pad_token_id].normal_(0.0, config.initializer_range)
    model.save_pretrained(str(folder))
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    _write_json(folder / "modules.json", modules)
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": 32768, "do_lower_case": False})
    pooling = {
        "word_embedding_dimension": config.hidden_size,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": False,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": True,
        "include_prompt": True,
    }
    _write_json(folder / "1_Pooling" / "config.json", pooling)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "prompts": {"query": QUERY_PROMPT, "document": ""},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    return folder


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _qwen3_config(vocab_size: int, eos_id: int, **shape: Any) -> Any:
    from transformers import Qwen3Config

    return Qwen3Config(
        vocab_size=vocab_size,
        max_position_embeddings=32768,
        rope_parameters={"rope_type": "default", "rope_theta": 1_000_000.0},
        rms_norm_eps=1e-6,
        tie_word_embeddings=True,
        bos_token_id=eos_id,
        eos_token_id=eos_id,
        pad_token_id=eos_id,
        **shape,
    )


def build_tiny_qwen3(folder: Path, seed: int = 0, *, wide: bool = False) -> Path:
    """Write a tiny Qwen3 sentence-transformers model into ``folder`` and return it.

    ``wide=True`` gives 1024 output dims (one layer, a narrow MLP) for Matryoshka cuts to 512 and 256.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_size = build_tokenizer(folder)
    shape = (
        {"hidden_size": 1024, "intermediate_size": 128, "num_hidden_layers": 1}
        if wide
        else {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2}
    )
    config = _qwen3_config(vocab_size, eos_id=0, num_attention_heads=4, num_key_value_heads=2, head_dim=16, **shape)
    _save_sentence_transformer(folder, config, seed)
    log.info("built tiny Qwen3 model in %s (vocab %d)", folder, vocab_size)
    return folder


def build_qwen3_full_shape(folder: Path, vocab_size: int = 8000, seed: int = 0) -> Path:
    """Write a random-weight model of Qwen3-Embedding-0.6B's exact shape into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    real_vocab = build_tokenizer(folder, vocab_size=vocab_size)
    config = _qwen3_config(
        max(vocab_size, real_vocab),
        eos_id=0,
        hidden_size=1024,
        intermediate_size=3072,
        num_hidden_layers=28,
        num_attention_heads=16,
        num_key_value_heads=8,
        head_dim=128,
    )
    _save_sentence_transformer(folder, config, seed)
    log.info("built full-shape Qwen3 model in %s", folder)
    return folder
