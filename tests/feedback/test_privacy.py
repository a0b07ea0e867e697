from __future__ import annotations

import pytest

from callcenter_ai.core.privacy import find_personal_data, inn_valid, luhn_valid, redact_text, snils_valid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("звоните +7 (912) 345-67-89", "звоните [ТЕЛЕФОН]"),
        ("мой номер 8 912 345 67 89.", "мой номер [ТЕЛЕФОН]."),
        ("89123456789", "[ТЕЛЕФОН]"),
        ("+79123456789, спасибо", "[ТЕЛЕФОН], спасибо"),
        ("8-800-555-35-35", "[ТЕЛЕФОН]"),
        ("почта ivan.petrov+bank@mail.ru.", "почта [EMAIL]."),
        ("карта 4111 1111 1111 1111", "карта [КАРТА]"),
        ("карта 5555-5555-5555-4444 заблокирована", "карта [КАРТА] заблокирована"),
        ("номер карты 4276380012345679", "номер карты [КАРТА]"),
        ("СНИЛС 112-233-445 95", "СНИЛС [СНИЛС]"),
        ("снилс 11223344595", "снилс [СНИЛС]"),
        ("ИНН 7707083893", "ИНН [ИНН]"),
        ("ИНН 500100732259", "ИНН [ИНН]"),
        ("паспорт 45 06 123456", "паспорт [ПАСПОРТ]"),
        ("паспорт 4506 123456 выдан", "паспорт [ПАСПОРТ] выдан"),
        ("паспорт: 4506123456", "паспорт: [ПАСПОРТ]"),
        ("серия 4506 номер 123456", "[ПАСПОРТ]"),
    ],
)
def test_identifiers_are_redacted(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "карта 4111 1111 1111 1112",  # fails the Luhn check
        "номер заказа 4276380012345671",  # 16 digits, fails Luhn
        "СНИЛС 112-233-445 96",  # wrong control number
        "снилс 11223344596",
        "ИНН 7707083894",  # wrong check digit
        "ИНН 500100732258",
        "заказ 1234567890 оформлен",  # ten digits, no checksum, no passport word
        "сумма 1 500 рублей за 2024 год",
        "договор № 12345 от 01.02.2024",
        "код 0000000000000",  # one digit repeated: Luhn-valid but not a card
        "время 10:15, тариф 300",
        "адрес user at mail dot ru",
    ],
)
def test_look_alikes_are_kept(text: str) -> None:
    assert redact_text(text) == text


def test_checksums() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert snils_valid("11223344595") and not snils_valid("11223344594")
    assert inn_valid("7707083893") and inn_valid("500100732259")
    assert not inn_valid("7707083890") and not inn_valid("123")


def test_several_in_one_text_with_positions() -> None:
    text = "Клиент: карта 4111 1111 1111 1111, тел. 8 (912) 345-67-89, e-mail a.b@yandex.ru"
    found = find_personal_data(text)
    assert [f.kind for f in found] == ["card", "phone", "email"]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert redact_text(text) == "Клиент: карта [КАРТА], тел. [ТЕЛЕФОН], e-mail [EMAIL]"
