"""Per-call details that fill ``{slots}`` in the demo phrases: amounts, dates, names, addresses ..."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
CITIES = ("Москва", "Тверь", "Казань", "Екатеринбург", "Новосибирск", "Самара", "Воронеж", "Пермь")
STREETS = (  # "на ул. Садовая" reads well in every phrase, "на Садовая ул." does not
    "ул. Ленина", "ул. Гагарина", "ул. Садовая", "пр. Мира", "ул. Победы", "ул. Лесная", "ул. Пушкина",
    "ул. Центральная", "ул. Советская", "ул. Молодёжная", "ул. Школьная", "ул. Чехова",
)  # fmt: skip
TARIFFS = ("Домашний 100", "Оптимальный", "Турбо 500", "Семейный", "Базовый", "Безлимит Макс", "Игровой", "Всё в одном")
DEVICES = ("роутер", "Wi-Fi роутер", "ТВ-приставку", "смартфон", "усилитель сигнала", "медиаприставку", "модем")
DEVICE_PHONES = ("айфон", "самсунг", "сяоми", "старый андроид", "хонор")
DEVICE_TV = ("модель ГТ-200", "модель ГТ-310", "какая-то старая", "новая, в прошлом году ставили")
DEVICE_ROUTERS = ("Keenetic Air", "TP-Link Archer", "ZTE H298", "Huawei HG8245")
SERVICES = ("Антивирус Плюс", "Кинозал", "Гороскоп на каждый день", "Музыка без границ", "Облачное хранилище")
PROMOS = ("Лето на скорости", "Приведи друга", "Год за полцены", "Три месяца ТВ в подарок")
COUNTRIES = ("Турции", "Грузии", "Армении", "Таиланде", "Египте", "Казахстане", "ОАЭ")
ROAMING_OPTIONS = ("Весь мир", "Путешествуй легко", "Роуминг-пакет 5 ГБ")
CODEWORDS = ("Иванова", "ромашка", "Барсик", "Петрова", "солнце", "Кузнецова")
MALE_NAMES = ("Александр", "Михаил", "Андрей", "Николай", "Павел", "Виктор")
FEMALE_NAMES = ("Елена", "Татьяна", "Ирина", "Светлана", "Юлия", "Ольга")
FIRST_NAMES = MALE_NAMES + FEMALE_NAMES
MALE_PATRONYMICS = ("Петрович", "Сергеевич", "Викторович", "Игоревич")
FEMALE_PATRONYMICS = ("Игоревна", "Алексеевна", "Андреевна", "Петровна")
SURNAMES = ("Кузнецов", "Иванов", "Соколов", "Попов", "Лебедев", "Морозов", "Новиков", "Фёдоров")  # male forms
TIMES = ("с 9 до 12", "с 12 до 15", "с 15 до 18", "с 18 до 21", "после обеда", "в первой половине дня")


def _amount(rng: random.Random, low: int, high: int) -> str:
    value = rng.randrange(low, high, 10)
    style = rng.random()
    text = f"{value:,}".replace(",", " ")
    if style < 0.5:
        return f"{text} рублей"
    if style < 0.8:
        return f"{text} руб."
    return f"{text} ₽"


def _day(rng: random.Random, moment: datetime, back_days: int) -> str:
    day = moment - timedelta(days=back_days)
    if back_days == 1 and rng.random() < 0.5:
        return "вчера"
    if back_days == 2 and rng.random() < 0.5:
        return "позавчера"
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]}"


def fill_slots(rng: random.Random, moment: datetime, client_first: str) -> dict[str, str]:
    """One call's details; the same values are used by every phrase of that call."""
    city = rng.choice(CITIES)
    street = rng.choice(STREETS)
    tariff, tariff2 = rng.sample(TARIFFS, 2)
    phone = f"+7 9{rng.randrange(10, 99)} {rng.randrange(100, 999)}-{rng.randrange(10, 99)}-{rng.randrange(10, 99)}"
    month = moment.month - 2 if moment.month > 1 else 12
    female = client_first in FEMALE_NAMES
    surname = rng.choice(SURNAMES) + ("а" if female else "")
    patronymic = rng.choice(FEMALE_PATRONYMICS if female else MALE_PATRONYMICS)
    return {
        "amount": _amount(rng, 300, 9000),
        "amount_small": _amount(rng, 150, 1500),
        "date": _day(rng, moment, rng.randrange(1, 20)),
        "date2": _day(rng, moment, -rng.randrange(1, 10)),
        "month": MONTHS_NOMINATIVE[month],
        "order": f"{rng.randrange(10_000_000, 99_999_999)}",
        "ticket": f"{rng.randrange(100_000, 999_999)}",
        "contract": f"{rng.randrange(10_000_000, 99_999_999)}",
        "card4": f"{rng.randrange(1000, 9999)}",
        "tariff": tariff,
        "tariff2": tariff2,
        "speed": str(rng.choice((100, 200, 300, 500))),
        "address": f"{city}, {street}, д. {rng.randrange(1, 120)}, кв. {rng.randrange(1, 300)}",
        "street": street,
        "phone": phone,
        "email": f"{rng.choice(('ivan', 'elena', 'mk', 'user', 'olga'))}{rng.randrange(10, 999)}@mail.ru",
        "device": rng.choice(DEVICES),
        "device_phone": rng.choice(DEVICE_PHONES),
        "device_tv": rng.choice(DEVICE_TV),
        "device_router": rng.choice(DEVICE_ROUTERS),
        "service": rng.choice(SERVICES),
        "promo": rng.choice(PROMOS),
        "country": rng.choice(COUNTRIES),
        "roaming_option": rng.choice(ROAMING_OPTIONS),
        "codeword": rng.choice(CODEWORDS),
        "passport": f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
        "time": rng.choice(TIMES),
        "hour": str(rng.randrange(14, 23)),
        "client": client_first,
        "client_full": f"{surname} {client_first} {patronymic}",
    }
