from __future__ import annotations

from pathlib import Path

import pytest

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.errors import InputError
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.ingest.fields import MAX_CALL_CHARS
from callcenter_ai.core.records import Turn

from .helpers import snapshot, stored

PER_TURN = """id{d}speaker{d}text{d}order{d}start{d}end{d}operator{d}topic{d}sentiment
c1{d}operator{d}"Здравствуйте, слушаю вас"{d}1{d}0{d}"2,5"{d}Анна{d}двойное списание{d}
c2{d}клиент{d}"Нет интернета{d} совсем
с утра"{d}2{d}3{d}7{d}Иван{d}нет интернета{d}neg
c1{d}client{d}Списали дважды 500 рублей{d}2{d}3{d}6{d}Анна{d}двойное списание{d}neg
c2{d}оператор{d}Добрый день{d}1{d}0{d}2{d}Иван{d}{d}
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_one_row_per_turn_any_delimiter_rows_of_a_call_apart(engine: Engine, tmp_path: Path, delimiter: str) -> None:
    report = run_import(engine.calls, write(tmp_path / "turns.csv", PER_TURN.format(d=delimiter)))
    assert (report.format, report.inserted, report.invalid) == ("csv-turns", 2, 0)
    c1 = stored(engine, "c1")
    assert c1.turns == (
        Turn("operator", "Здравствуйте, слушаю вас", 0.0, 2.5),
        Turn("client", "Списали дважды 500 рублей", 3.0, 6.0),
    )
    assert (c1.operator, c1.topic, c1.metadata) == ("Анна", "двойное списание", {"sentiment": "neg"})
    c2 = stored(engine, "c2")
    assert [t.text for t in c2.turns] == ["Добрый день", f"Нет интернета{delimiter} совсем\nс утра"]
    assert c2.id > c1.id  # calls keep the order of their first row


@pytest.mark.parametrize(("encoding", "name"), [("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251"), ("utf-8", "utf-8")])
def test_encodings(engine: Engine, tmp_path: Path, encoding: str, name: str) -> None:
    text = "ID звонка;Текст;Оператор;Тема;Длительность;Дата звонка;Регион\n"
    text += 'a1;"оператор: Добрый день\nклиент: Хочу сменить тариф";Ольга;смена тарифа;05:12;01.03.2026 10:15;Тверь\n'
    report = run_import(engine.calls, write(tmp_path / "calls.csv", text, encoding))
    assert (report.format, report.encoding, report.inserted) == ("csv-calls", name, 1)
    got = stored(engine, "a1")
    assert got.turns == (Turn("operator", "Добрый день"), Turn("client", "Хочу сменить тариф"))
    assert (got.operator, got.topic, got.duration_s) == ("Ольга", "смена тарифа", 312.0)
    assert got.started_at == "2026-03-01T10:15:00"
    assert got.metadata == {"Регион": "Тверь"}


def test_per_turn_without_order_keeps_file_order_and_crlf(engine: Engine, tmp_path: Path) -> None:
    text = "call_id,role,utterance\r\nx,agent,Добрый день\r\ny,customer,Алло\r\nx,customer,Привет\r\n"
    run_import(engine.calls, write(tmp_path / "t.csv", text))
    assert [t.text for t in stored(engine, "x").turns] == ["Добрый день", "Привет"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,speaker,text\nc1,operator,Привет\n,client,Алло\n", ":3: id: the call id is missing"),
        ("id,speaker,text\nc1,operator,\n", ":2: turns: every turn of the call is empty"),
        ("id,speaker,text\nc1,робот,Привет\n", ":2: speaker: unknown speaker 'робот'"),
        ("id,speaker,text,order\nc1,operator,a,1\nc1,client,b,1\n", ":3: order: turn order 1 repeats line 2"),
        ("id,speaker,text,order\nc1,operator,a,x\n", ":2: order: must be a number, got 'x'"),
        ("id,speaker,text,start,end\nc1,operator,a,5,1\n", ":2: start: start 5 is after end 1"),
        ("id,speaker,text,topic\nc1,operator,a,тариф\nc1,client,b,возврат\n", ":3: topic: 'возврат' differs"),
        ("id,text\nc1,клиент: да,лишнее\n", ":2: the row has 3 cells, the header has 2"),
        ("id,text\nc1,клиент: да\nc1,клиент: нет\n", ":3: id: duplicate call id 'c1' (first on line 2)"),
        ('id,text\nc1,"клиент: да\n', ":2: broken CSV: unexpected end of data"),
        ("id,text,duration\nc1,клиент: да,долго\n", ":2: duration_s: must be a number, got 'долго'"),
        ("id,text,date\nc1,клиент: да,31.02.2026\n", ":2: started_at: is not a valid date"),
        ("speaker,text\noperator,Привет\n", ":1: no call id column in the header"),
        ("id,speaker\nc1,operator\n", ":1: no text column in the header"),
        ("id,call_id,text\n1,2,x\n", ":1: the columns 'id' and 'call_id' both mean 'id'"),
        ("просто строка текста\n", ":1: the header has a single column"),
        ("id,text\n", ": no calls in the file"),
    ],
)
def test_bad_csv_fails_the_whole_file(holding_one: Engine, tmp_path: Path, text: str, expected: str) -> None:
    before = snapshot(holding_one)
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(InputError) as info:
        run_import(holding_one.calls, path)
    assert f"{path}{expected}" in str(info.value)
    assert snapshot(holding_one) == before


def test_per_turn_skip_invalid_drops_whole_calls(engine: Engine, tmp_path: Path) -> None:
    text = "id;speaker;text\nok;operator;Добрый день\nbad;operator;Здравствуйте\nbad;марсианин;Привет\nok;client;Алло\n"
    path = write(tmp_path / "t.csv", text)
    with pytest.raises(InputError, match="1 of 2 records are invalid"):
        run_import(engine.calls, path)
    report = run_import(engine.calls, path, skip_invalid=True)
    assert (report.inserted, report.invalid) == (1, 1)
    assert [str(p) for p in report.problems] == [
        f"{path}:4: speaker: unknown speaker 'марсианин'; use operator, client or unknown (оператор, клиент)"
    ]
    assert stored(engine, "ok").turns == (Turn("operator", "Добрый день"), Turn("client", "Алло"))
    assert engine.calls.count("calls") == 1


def test_per_turn_constant_cells_become_one_value_varying_ones_a_list(engine: Engine, tmp_path: Path) -> None:
    text = "id,speaker,text,queue,emotion\nc,operator,a,billing,calm\nc,client,b,billing,\nc,client,c,,angry\n"
    run_import(engine.calls, write(tmp_path / "t.csv", text))
    assert stored(engine, "c").metadata == {"queue": "billing", "emotion": ["calm", "", "angry"]}


def test_cp1251_per_turn_with_rows_apart(engine: Engine, tmp_path: Path) -> None:
    report = run_import(engine.calls, write(tmp_path / "t.csv", PER_TURN.format(d=";"), "cp1251"))
    assert (report.encoding, report.inserted) == ("cp1251", 2)
    assert stored(engine, "c1").turns[1].text == "Списали дважды 500 рублей"


def test_ten_megabyte_cell(engine: Engine, tmp_path: Path) -> None:
    line = "клиент: " + "у меня снова пропал интернет и роутер мигает красным, " * 10 + "\n"
    text = line * (10_000_000 // len(line.encode()) + 1)
    path = write(tmp_path / "big.csv", 'id,text\nbig,"' + text + '"\n')
    assert path.stat().st_size > 10_000_000
    with pytest.raises(InputError, match=f"big.csv:2: text: the text has {len(text):,} characters"):
        run_import(engine.calls, path)
    fits = line * (MAX_CALL_CHARS // len(line))
    assert run_import(engine.calls, write(tmp_path / "fits.csv", 'id,text\nbig,"' + fits + '"\n')).inserted == 1
    assert len(stored(engine, "big").turns) == fits.count("\n")
