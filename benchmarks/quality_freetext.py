"""Free-text query sets for bench_quality.py, built from the intent sets of ../shared/data.

The query is an intent's name (English) or a short Russian paraphrase of it
(BANKING77-ru, written for this benchmark); the relevant calls are that
intent's utterances.  Nonsense queries (nothing in any set is about them)
measure the "nothing close" threshold.
"""

from __future__ import annotations

import csv
import json
import random
import re
from pathlib import Path

Item = tuple[str, list[tuple[str, str]], str]  # id, turns (speaker, text), label
FREETEXT_SETS = ("banking77_ru", "banking77_en", "natcs_en")
DEMO_CALLS = 300  # the product's own generated demo set (``demo`` below), as `callcenter_ai demo --calls 300`
# Operators' phrasings on the demo set, measured in issue 12/15 (the topic whose calls are relevant).
DEMO_QUERIES = (
    ("не работает интернет", "нет интернета"),
    ("списали деньги два раза за одну покупку", "двойное списание"),
    ("клиент требует вернуть деньги за двойное списание", "двойное списание"),
    ("хочу сменить тариф", "смена тарифа"),
)

# BANKING77 intent names in Russian (a paraphrase each, written for this benchmark), keyed by the English name.
BANKING77_RU = {
    "activate_my_card": "активировать карту",
    "age_limit": "с какого возраста можно открыть счёт",
    "apple_pay_or_google_pay": "apple pay или google pay",
    "atm_support": "какие банкоматы принимают карту",
    "automatic_top_up": "автоматическое пополнение",
    "balance_not_updated_after_bank_transfer": "баланс не обновился после банковского перевода",
    "balance_not_updated_after_cheque_or_cash_deposit": "баланс не обновился после внесения наличных или чека",
    "beneficiary_not_allowed": "получатель перевода не разрешён",
    "cancel_transfer": "отменить перевод",
    "card_about_to_expire": "срок действия карты скоро истекает",
    "card_acceptance": "где принимают карту",
    "card_arrival": "карта ещё не пришла",
    "card_delivery_estimate": "сколько ждать доставку карты",
    "card_linking": "привязать карту",
    "card_not_working": "карта не работает",
    "card_payment_fee_charged": "комиссия за оплату картой",
    "card_payment_not_recognised": "незнакомая оплата картой",
    "card_payment_wrong_exchange_rate": "неверный курс при оплате картой",
    "card_swallowed": "банкомат проглотил карту",
    "cash_withdrawal_charge": "комиссия за снятие наличных",
    "cash_withdrawal_not_recognised": "незнакомое снятие наличных",
    "change_pin": "сменить PIN-код",
    "compromised_card": "карта скомпрометирована",
    "contactless_not_working": "бесконтактная оплата не работает",
    "country_support": "в каких странах работает",
    "declined_card_payment": "оплата картой отклонена",
    "declined_cash_withdrawal": "снятие наличных отклонено",
    "declined_transfer": "перевод отклонён",
    "direct_debit_payment_not_recognised": "незнакомое прямое списание",
    "disposable_card_limits": "лимиты одноразовой карты",
    "edit_personal_details": "изменить личные данные",
    "exchange_charge": "комиссия за обмен валюты",
    "exchange_rate": "курс обмена валюты",
    "exchange_via_app": "обменять валюту в приложении",
    "extra_charge_on_statement": "лишнее списание в выписке",
    "failed_transfer": "перевод не прошёл",
    "fiat_currency_support": "какие валюты поддерживаются",
    "get_disposable_virtual_card": "получить одноразовую виртуальную карту",
    "get_physical_card": "получить пластиковую карту",
    "getting_spare_card": "дополнительная карта",
    "getting_virtual_card": "получить виртуальную карту",
    "lost_or_stolen_card": "карта потеряна или украдена",
    "lost_or_stolen_phone": "телефон потерян или украден",
    "order_physical_card": "заказать физическую карту",
    "passcode_forgotten": "забыл код доступа",
    "pending_card_payment": "оплата картой в ожидании",
    "pending_cash_withdrawal": "снятие наличных в ожидании",
    "pending_top_up": "пополнение в ожидании",
    "pending_transfer": "перевод в ожидании",
    "pin_blocked": "PIN-код заблокирован",
    "receiving_money": "получить деньги на счёт",
    "Refund_not_showing_up": "возврат денег не отображается",
    "request_refund": "запросить возврат денег",
    "reverted_card_payment?": "оплата картой вернулась",
    "supported_cards_and_currencies": "поддерживаемые карты и валюты",
    "terminate_account": "закрыть счёт",
    "top_up_by_bank_transfer_charge": "комиссия за пополнение банковским переводом",
    "top_up_by_card_charge": "комиссия за пополнение картой",
    "top_up_by_cash_or_cheque": "пополнение наличными или чеком",
    "top_up_failed": "пополнение не прошло",
    "top_up_limits": "лимиты пополнения",
    "top_up_reverted": "пополнение отменено",
    "topping_up_by_card": "пополнить картой",
    "transaction_charged_twice": "платёж списан дважды",
    "transfer_fee_charged": "комиссия за перевод",
    "transfer_into_account": "перевести деньги на свой счёт",
    "transfer_not_received_by_recipient": "получатель не получил перевод",
    "transfer_timing": "сколько идёт перевод",
    "unable_to_verify_identity": "не получается подтвердить личность",
    "verify_my_identity": "подтвердить личность",
    "verify_source_of_funds": "подтвердить источник средств",
    "verify_top_up": "подтвердить пополнение",
    "virtual_card_not_working": "виртуальная карта не работает",
    "visa_or_mastercard": "visa или mastercard",
    "why_verify_identity": "зачем подтверждать личность",
    "wrong_amount_of_cash_received": "банкомат выдал не ту сумму",
    "wrong_exchange_rate_for_cash_withdrawal": "неверный курс при снятии наличных",
}


def _split_name(name: str) -> str:
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).replace("_", " ")
    return spaced.lower()


def _sample(items: list[Item], limit: int) -> list[Item]:
    return random.Random(0).sample(items, limit) if len(items) > limit else items


def load_freetext(name: str, data: Path, limit: int) -> tuple[list[Item], list[tuple[str, str]]]:
    """(calls, queries): calls are (id, turns, label); each query is (text, the label it asks for)."""
    if name == "demo":
        return load_demo()
    if name == "banking77_ru":
        raw = json.loads((data / "ru_intents" / "banking77_ru_train.json").read_text(encoding="utf-8"))
        names = {int(i["id"]): BANKING77_RU[i["name"]] for i in raw["intents"]}
        items = [(f"u{i}", [("client", r["utterance"])], str(r["label"])) for i, r in enumerate(raw["train"])]
        items = _sample(items, limit)
        present = {label for _, _, label in items}
        return items, [(names[int(label)], label) for label in sorted(present, key=int)]
    if name == "banking77_en":
        with (data / "banking77" / "train.csv").open(encoding="utf-8") as handle:
            items = [(f"u{i}", [("client", r["text"])], r["category"]) for i, r in enumerate(csv.DictReader(handle))]
    elif name == "natcs_en":
        with (data / "natcs" / "test-banking_task1-turns.jsonl").open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        items = [(r["utterance_id"], [("client", r["utterance"])], r["intent"]) for r in rows]
    else:
        raise SystemExit(f"unknown free-text set {name!r}")
    items = _sample(items, limit)
    return items, [(_split_name(label), label) for label in sorted({label for _, _, label in items})]


def load_demo() -> tuple[list[Item], list[tuple[str, str]]]:
    """The demo generator's calls (seed 0), labelled by topic; queries: each topic's name and DEMO_QUERIES."""
    from callcenter_ai.core.demo.generator import generate_calls

    items = [
        (c["id"], [(t["speaker"], t["text"]) for t in c["turns"]], c["topic"]) for c in generate_calls(DEMO_CALLS, 0)
    ]
    topics = sorted({label for _, _, label in items})
    return items, [(topic, topic) for topic in topics] + list(DEMO_QUERIES)


NONSENSE = (
    "рецепт борща с пампушками",
    "как ухаживать за кактусом зимой",
    "расписание матчей чемпионата по хоккею",
    "стихи Пушкина о море",
    "сколько лететь до Марса",
    "лучший корм для попугаев",
    "квантовая хромодинамика глюоны",
    "вязание спицами для начинающих",
    "the mitochondria is the powerhouse of the cell",
    "best hiking trails in the Alps",
    "how to tune a guitar",
    "chocolate cake recipe without eggs",
    "history of the Roman empire",
    "photosynthesis in desert plants",
    "qwzx plorb fendric",
    "ыщшв жфлок трымбе",
)
