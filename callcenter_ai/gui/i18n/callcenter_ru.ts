<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AnalyticsController</name>
    <message>
        <location filename="../analytics_view.py" line="114"/>
        <source>{} calls from Analytics</source>
        <translation>{} звонков из аналитики</translation>
    </message>
</context>
<context>
    <name>AnalyticsTab</name>
    <message>
        <location filename="../analytics_tab.py" line="45"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="47"/>
        <source>Find topics again</source>
        <translation>Пересчитать темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="50"/>
        <source>Chart as PNG…</source>
        <translation>График в PNG…</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="52"/>
        <source>Table as CSV/XLSX…</source>
        <translation>Таблица в CSV/XLSX…</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="54"/>
        <source>No analytics yet: import and index calls, then press Refresh.</source>
        <translation>Аналитики пока нет: импортируйте и проиндексируйте звонки, затем нажмите «Обновить».</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="58"/>
        <location filename="../analytics_tab.py" line="90"/>
        <source>Calls per day</source>
        <translation>Звонки по дням</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="59"/>
        <location filename="../analytics_tab.py" line="91"/>
        <source>Calls per topic</source>
        <translation>Звонки по темам</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="60"/>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Calls per operator</source>
        <translation>Звонки по операторам</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="61"/>
        <source>Calls by hour and weekday</source>
        <translation>Звонки по часам и дням недели</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <location filename="../analytics_tab.py" line="75"/>
        <location filename="../analytics_tab.py" line="80"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <location filename="../analytics_tab.py" line="75"/>
        <location filename="../analytics_tab.py" line="78"/>
        <location filename="../analytics_tab.py" line="80"/>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <source>Keywords</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="75"/>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="75"/>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="75"/>
        <source>Rise</source>
        <translation>Рост</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Mean duration, s</source>
        <translation>Средняя длительность, с</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <location filename="../analytics_tab.py" line="94"/>
        <location filename="../analytics_tab.py" line="118"/>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Relevant</source>
        <translation>Релевантных</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="80"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="93"/>
        <source>Hour × weekday</source>
        <translation>Час × день недели</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="95"/>
        <location filename="../analytics_tab.py" line="119"/>
        <source>Emerging topics</source>
        <translation>Растущие темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="96"/>
        <location filename="../analytics_tab.py" line="120"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="97"/>
        <location filename="../analytics_tab.py" line="121"/>
        <source>Repeat calls</source>
        <translation>Повторные звонки</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="108"/>
        <source>Export:</source>
        <translation>Экспорт:</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="134"/>
        <source>Click a row to open its calls in the Search tab</source>
        <translation>Щёлкните строку, чтобы открыть её звонки на вкладке «Поиск»</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="154"/>
        <source>Emerging: {}</source>
        <translation>Растущие темы: {}</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="159"/>
        <source>No emerging topics in the last week.</source>
        <translation>За последнюю неделю растущих тем нет.</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="231"/>
        <source>Save the chart</source>
        <translation>Сохранить график</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="238"/>
        <source>Save the table</source>
        <translation>Сохранить таблицу</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../job_records.py" line="37"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation>Звонков пока нет: импортируйте файлы или создайте демо-набор.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="39"/>
        <source>Calls: %1, embedded by %2: %3.</source>
        <translation>Звонков: %1, векторизовано моделью %2: %3.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="45"/>
        <source>No semantic index yet: only keyword search works.</source>
        <translation>Смыслового индекса ещё нет: работает только поиск по словам.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="47"/>
        <source>Build the index to make the other %1 searchable by meaning.</source>
        <translation>Постройте индекс, чтобы остальные %1 искались по смыслу.</translation>
    </message>
    <message>
        <location filename="../backend.py" line="97"/>
        <location filename="../backend.py" line="104"/>
        <location filename="../backend.py" line="113"/>
        <source>not loaded</source>
        <translation>не загружена</translation>
    </message>
    <message>
        <location filename="../backend.py" line="107"/>
        <source>offline %1, %2</source>
        <translation>офлайн-модель %1, %2</translation>
    </message>
    <message>
        <location filename="../backend.py" line="114"/>
        <source>loading</source>
        <translation>загружается</translation>
    </message>
    <message>
        <location filename="../backend.py" line="102"/>
        <source>loaded</source>
        <translation>загружена</translation>
    </message>
    <message>
        <location filename="../backend.py" line="294"/>
        <source>Importing %1 (%2 of %3)</source>
        <translation>Импорт %1 (%2 из %3)</translation>
    </message>
    <message>
        <location filename="../backend.py" line="313"/>
        <source>%1: ... and %2 more problems</source>
        <translation>%1: ... и ещё проблем: %2</translation>
    </message>
    <message>
        <location filename="../backend.py" line="319"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>Импортировано: новых %1, обновлено %2, без изменений %3, с ошибками %4</translation>
    </message>
    <message>
        <location filename="../backend.py" line="339"/>
        <source>Generating the demo set</source>
        <translation>Создание демо-набора</translation>
    </message>
    <message>
        <location filename="../backend.py" line="353"/>
        <source>Demo set: %1 new, %2 updated, %3 unchanged calls</source>
        <translation>Демо-набор: новых звонков %1, обновлено %2, без изменений %3</translation>
    </message>
    <message>
        <location filename="../backend.py" line="359"/>
        <source>Demo set cancelled, nothing written</source>
        <translation>Создание демо-набора отменено, ничего не записано</translation>
    </message>
    <message>
        <location filename="../backend.py" line="376"/>
        <source>Preparing the model…</source>
        <translation>Подготовка модели…</translation>
    </message>
    <message>
        <location filename="../backend.py" line="379"/>
        <source>Embedding calls</source>
        <translation>Векторизация звонков</translation>
    </message>
    <message>
        <location filename="../backend.py" line="383"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location filename="../backend.py" line="396"/>
        <source>Index: %1 calls added, %2 removed, %3 unchanged; %4 vectors.</source>
        <translation>Индекс: добавлено звонков %1, удалено %2, без изменений %3; векторов %4.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="42"/>
        <source>Updating the keyword index</source>
        <translation>Обновление индекса по словам</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="50"/>
        <source>writing the file</source>
        <translation>запись файла</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="55"/>
        <source>calls/s</source>
        <translation>звонков/с</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="68"/>
        <source>cancelled, nothing written</source>
        <translation>отменено, ничего не записано</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="70"/>
        <source>saved</source>
        <translation>сохранено</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="72"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="76"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>новых %1, обновлено %2, без изменений %3, с ошибками %4</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="92"/>
        <source>chunks/s</source>
        <translation>фрагментов/с</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="101"/>
        <source>Embedded: %1 of %2 calls (%3 chunks) in %4 s with %5.</source>
        <translation>Векторизовано звонков: %1 из %2 (фрагментов: %3) за %4 с моделью %5.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="109"/>
        <source>The offline embedder was used: the model is not available (see the log).</source>
        <translation>Использована офлайн-модель: основная модель недоступна (подробности в журнале).</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="120"/>
        <source>no semantic index yet: keyword search only</source>
        <translation>смыслового индекса ещё нет — только поиск по словам</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="124"/>
        <source>no index of the model; using the offline embedder&apos;s index %1</source>
        <translation>индекса основной модели нет — используется индекс офлайн-модели %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="126"/>
        <source>semantic part skipped: %1</source>
        <translation>смысловая часть пропущена: %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="129"/>
        <source>call %1 has no vectors yet: similarity by words only</source>
        <translation>у звонка %1 ещё нет векторов — сходство только по словам</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="131"/>
        <source>keyword index not updated: %1</source>
        <translation>индекс по словам не обновлён: %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="142"/>
        <source>Comparing the index with the store</source>
        <translation>Сравнение индекса с базой</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="143"/>
        <source>Removing old vectors</source>
        <translation>Удаление старых векторов</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="144"/>
        <source>Adding vectors</source>
        <translation>Добавление векторов</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="145"/>
        <source>Building the index</source>
        <translation>Построение индекса</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="146"/>
        <source>Saving the index</source>
        <translation>Сохранение индекса</translation>
    </message>
</context>
<context>
    <name>CallViewer</name>
    <message>
        <location filename="../call_viewer.py" line="36"/>
        <source>by meaning</source>
        <translation>по смыслу</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="37"/>
        <source>by words</source>
        <translation>по словам</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="38"/>
        <source>both</source>
        <translation>и то, и другое</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="59"/>
        <source>Select a result to see the call.</source>
        <translation>Выберите результат, чтобы увидеть звонок.</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../charts.py" line="38"/>
        <source>No ratings yet</source>
        <translation>Пока нет оценок</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs.py" line="36"/>
        <source>The database is locked</source>
        <translation>База данных заблокирована</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="36"/>
        <source>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</source>
        <translation>В базу сейчас пишет другое окно или задача CallCenter AI. Дождитесь окончания или закройте его и повторите.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="42"/>
        <source>The database is damaged</source>
        <translation>База данных повреждена</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="42"/>
        <source>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</source>
        <translation>Восстановите data/callcenter.db из резервной копии или переместите файл и импортируйте звонки заново.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="46"/>
        <source>The database is from a newer version</source>
        <translation>База данных создана более новой версией</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="48"/>
        <source>Update CallCenter AI, or start it with another home folder (--home).</source>
        <translation>Обновите CallCenter AI или запустите его с другой папкой данных (--home).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50"/>
        <source>No calls yet</source>
        <translation>Звонков пока нет</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50"/>
        <source>Import files (File menu) or generate the demo set, then search again.</source>
        <translation>Импортируйте файлы (меню «Файл») или создайте демонстрационный набор, затем повторите поиск.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54"/>
        <source>The database cannot be used</source>
        <translation>Базу данных нельзя использовать</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54"/>
        <source>Check that the disk has free space and the folder is writable.</source>
        <translation>Проверьте, что на диске есть место и в папку можно писать.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="58"/>
        <source>The search index is damaged</source>
        <translation>Поисковый индекс повреждён</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="58"/>
        <source>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</source>
        <translation>Перестройте его на вкладке «Индексация» (кнопка «Перестроить индекс»). Поиск по словам пока работает.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="62"/>
        <source>The index was built by another model</source>
        <translation>Индекс построен другой моделью</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="64"/>
        <source>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</source>
        <translation>Перестройте индекс для текущей модели на вкладке «Индексация» или верните прежнюю модель в настройках.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="69"/>
        <source>The search index cannot be used</source>
        <translation>Поисковый индекс нельзя использовать</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="69"/>
        <source>Rebuild it on the Indexing tab.</source>
        <translation>Перестройте его на вкладке «Индексация».</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <source>The embedding model is not available</source>
        <translation>Модель эмбеддингов недоступна</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="75"/>
        <source>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</source>
        <translation>При первом запуске модель скачивается из интернета: проверьте подключение или укажите локальную папку модели в настройках (параметр model). Поиск по словам работает без модели.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="81"/>
        <source>The file cannot be imported</source>
        <translation>Файл нельзя импортировать</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="81"/>
        <source>Fix the lines listed below, or import with «Skip invalid records».</source>
        <translation>Исправьте перечисленные строки или импортируйте с флажком «Пропускать неверные записи».</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>A setting is invalid</source>
        <translation>Неверное значение настройки</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>Correct the value in settings.json or on the command line.</source>
        <translation>Исправьте значение в settings.json или в командной строке.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>Not found</source>
        <translation>Не найдено</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>The call may have been deleted; search again.</source>
        <translation>Возможно, звонок удалён; повторите поиск.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="92"/>
        <source>The operation failed</source>
        <translation>Операция не удалась</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="133"/>
        <source>Hint: </source>
        <translation>Подсказка: </translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="143"/>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="147"/>
        <source>Something went wrong inside CallCenter AI (a bug).</source>
        <translation>В CallCenter AI произошла внутренняя ошибка.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="153"/>
        <source>The details are in the log panel. Please send them to the developers. You can keep working.</source>
        <translation>Подробности — на вкладке «Журнал». Пожалуйста, отправьте их разработчикам. Работу можно продолжать.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="199"/>
        <source>Waiting for the database: another program is writing to it (up to %1 s)…</source>
        <translation>Ожидание базы данных: в неё пишет другая программа (до %1 с)…</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../filter_panel.py" line="45"/>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="47"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="73"/>
        <source>both sides</source>
        <translation>обе стороны</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="74"/>
        <source>client&apos;s words</source>
        <translation>реплики клиента</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="75"/>
        <source>operator&apos;s words</source>
        <translation>реплики оператора</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="77"/>
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="81"/>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="82"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="83"/>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="84"/>
        <source>Duration, min</source>
        <translation>Длительность, мин</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="85"/>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="95"/>
        <source>Nothing selected: all</source>
        <translation>Ничего не выбрано — все</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="101"/>
        <source>any</source>
        <translation>любая</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="102"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
</context>
<context>
    <name>IndexTab</name>
    <message>
        <location filename="../index_tab.py" line="41"/>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="42"/>
        <source>Import files…</source>
        <translation>Импортировать файлы…</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="44"/>
        <source>JSONL or CSV transcripts; see docs/IMPORT_FORMATS.md</source>
        <translation>Расшифровки в JSONL или CSV; форматы — в docs/IMPORT_FORMATS.md</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="46"/>
        <source>Skip invalid records</source>
        <translation>Пропускать неверные записи</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="48"/>
        <source>Generate demo set</source>
        <translation>Создать демо-набор</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="56"/>
        <source> calls</source>
        <translation> звонков</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="64"/>
        <source>Search index</source>
        <translation>Поисковый индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="65"/>
        <source>Build / update index</source>
        <translation>Построить / обновить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="67"/>
        <source>Embed the calls that are new or changed and update the index</source>
        <translation>Векторизовать новые и изменённые звонки и обновить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="69"/>
        <source>Rebuild index</source>
        <translation>Перестроить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="72"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="74"/>
        <source>Stop after the current batch; the previous index stays as it was</source>
        <translation>Остановиться после текущего пакета; прежний индекс останется как был</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="94"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="95"/>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="96"/>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="97"/>
        <source>Device</source>
        <translation>Устройство</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="98"/>
        <source>Batch size</source>
        <translation>Размер пакета</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="118"/>
        <source>Results of imports and indexing appear here.</source>
        <translation>Здесь появятся итоги импорта и индексации.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="123"/>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <location filename="../jobs_view.py" line="41"/>
        <source>Import calls</source>
        <translation>Импорт звонков</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="43"/>
        <source>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Расшифровки (*.jsonl *.json *.csv *.tsv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="50"/>
        <source>Importing %1 file(s)</source>
        <translation>Импорт файлов: %1</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>Generating %1 demo calls</source>
        <translation>Создание демо-звонков: %1</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="59"/>
        <source>Rebuilding the index</source>
        <translation>Перестройка индекса</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="59"/>
        <source>Updating the index</source>
        <translation>Обновление индекса</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="64"/>
        <source>Cancelling after the current batch…</source>
        <translation>Отмена после текущего пакета…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="71"/>
        <source>Another job is running; wait or cancel it.</source>
        <translation>Уже идёт другая задача; дождитесь её или отмените.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="111"/>
        <source>Cancelled; the previous index is kept.</source>
        <translation>Отменено; прежний индекс сохранён.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="112"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="120"/>
        <source>Failed.</source>
        <translation>Ошибка.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="122"/>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../log_panel.py" line="46"/>
        <source>Show debug messages</source>
        <translation>Показывать отладочные сообщения</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="47"/>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="52"/>
        <source>CallCenter AI — call search</source>
        <translation>CallCenter AI — поиск по звонкам</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="73"/>
        <source>Indexing</source>
        <translation>Индексация</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>Learning</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="75"/>
        <source>Analytics</source>
        <translation>Аналитика</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="91"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="92"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Импортировать файлы…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>&amp;Export results to CSV…</source>
        <translation>&amp;Экспорт результатов в CSV…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109"/>
        <source>Find &amp;similar calls</source>
        <translation>Найти &amp;похожие звонки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="113"/>
        <source>S&amp;ettings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125"/>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation>Звонков пока нет: импортируйте файлы или создайте демо-набор.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Type what to look for.</source>
        <translation>Введите, что искать.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>Searching: %1</source>
        <translation>Поиск: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="224"/>
        <source>Select a call first.</source>
        <translation>Сначала выберите звонок.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227"/>
        <source>Calls similar to %1</source>
        <translation>Звонки, похожие на %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="241"/>
        <source>found: %1</source>
        <translation>найдено: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276"/>
        <source>Saved: relevant</source>
        <translation>Сохранено: релевантно</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276"/>
        <source>Saved: not relevant</source>
        <translation>Сохранено: не релевантно</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="300"/>
        <source>Nothing to export: search first.</source>
        <translation>Нечего экспортировать: сначала выполните поиск.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="303"/>
        <source>Export results</source>
        <translation>Экспорт результатов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="303"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="312"/>
        <source>Choose another file or folder.</source>
        <translation>Выберите другой файл или папку.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="315"/>
        <source>Saved %1 rows to %2</source>
        <translation>Сохранено строк: %1 в %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>The language changes when the app starts next time.</source>
        <translation>Язык сменится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="353"/>
        <source>About CallCenter AI</source>
        <translation>О программе CallCenter AI</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="354"/>
        <source>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</source>
        <translation>CallCenter AI %1
Поиск и аналитика по расшифровкам звонков колл-центра.
Папка данных: %2</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../results_model.py" line="73"/>
        <source>Score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="74"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="75"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="76"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="77"/>
        <source>Duration</source>
        <translation>Длит.</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="78"/>
        <source>Snippet</source>
        <translation>Фрагмент</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="121"/>
        <source>Plain ranking (re-ranking from ratings is off)</source>
        <translation>Обычный порядок (переранжирование по оценкам выключено)</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="124"/>
        <source>Re-ranked from ratings: learned score %1, search score %2</source>
        <translation>Переранжировано по оценкам: обученная оценка %1, оценка поиска %2</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../search_tab.py" line="43"/>
        <source>What are you looking for? E.g. charged twice for one purchase</source>
        <translation>Что ищем? Например: списали деньги дважды за одну покупку</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="52"/>
        <source>top </source>
        <translation>топ </translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>semantic</source>
        <translation>смысловой</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="56"/>
        <source>by words</source>
        <translation>по словам</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="57"/>
        <source>hybrid</source>
        <translation>гибридный</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="62"/>
        <source>Find similar</source>
        <translation>Найти похожие</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="64"/>
        <source>Calls similar to the selected one</source>
        <translation>Звонки, похожие на выбранный</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="66"/>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="68"/>
        <source>Save the shown results to a CSV file (Ctrl+E)</source>
        <translation>Сохранить показанные результаты в CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="79"/>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="106"/>
        <source>✓ Relevant</source>
        <translation>✓ Релевантно</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="108"/>
        <source>This call answers the query: ratings improve the ranking</source>
        <translation>Этот звонок отвечает на запрос: оценки улучшают ранжирование</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="110"/>
        <source>✗ Not relevant</source>
        <translation>✗ Не релевантно</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="116"/>
        <source>Is this result useful?</source>
        <translation>Результат полезен?</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../stats_tab.py" line="58"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="62"/>
        <location filename="../stats_tab.py" line="126"/>
        <source>Ratings</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="65"/>
        <source>Ratings recorded</source>
        <translation>Всего оценок</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="66"/>
        <source>Rated query–call pairs</source>
        <translation>Оценённых пар «запрос — звонок»</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="67"/>
        <source>Rated relevant</source>
        <translation>Доля релевантных</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="68"/>
        <source>Precision of served results</source>
        <translation>Точность показанных результатов</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="69"/>
        <source>Re-ranking from ratings</source>
        <translation>Переранжирование по оценкам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="70"/>
        <source>Gain on held-out ratings</source>
        <translation>Выигрыш на отложенных оценках</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="77"/>
        <source>Precision of served results over time</source>
        <translation>Точность выданных результатов по времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="79"/>
        <source>Precision: plain vs re-ranked results</source>
        <translation>Точность: обычный порядок и переранжированный</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="81"/>
        <source>Rated relevant by topic</source>
        <translation>Доля релевантных по темам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="83"/>
        <source>Rated relevant by operator</source>
        <translation>Доля релевантных по операторам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="93"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="94"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="95"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="153"/>
        <source>Precision@%1 of served results over time</source>
        <translation>Точность@%1 выданных результатов по времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="155"/>
        <source>Precision@%1: plain vs re-ranked results</source>
        <translation>Точность@%1: обычный порядок и переранжированный</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="157"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>plain</source>
        <translation>обычный</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>re-ranked</source>
        <translation>переранжированный</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="184"/>
        <source>R-precision %1 → %2 on %3 held-out queries</source>
        <translation>R-точность %1 → %2 на %3 отложенных запросах</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="100"/>
        <source>By topic</source>
        <translation>По темам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="101"/>
        <source>By operator</source>
        <translation>По операторам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="102"/>
        <source>Over time</source>
        <translation>По времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="126"/>
        <source>Relevant</source>
        <translation>Релевантно</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="126"/>
        <source>Precision</source>
        <translation>Точность</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="142"/>
        <source>on</source>
        <translation>включено</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="145"/>
        <source>off until %1 ratings (now %2)</source>
        <translation>выключено до %1 оценок (сейчас %2)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="39"/>
        <source>Unload model</source>
        <translation>Выгрузить модель</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="41"/>
        <source>Free the memory the embedding model holds; it loads again when needed.</source>
        <translation>Освободить память, занятую моделью; при необходимости она загрузится снова.</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="52"/>
        <location filename="../status_bar.py" line="104"/>
        <source>Model: %1</source>
        <translation>Модель: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="52"/>
        <source>not loaded</source>
        <translation>не загружена</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="60"/>
        <source>Calls: %1</source>
        <translation>Звонков: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="62"/>
        <source>indexed: %1</source>
        <translation>в индексе: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="74"/>
        <source>RAM: app %1 MB, free %2 of %3 GB</source>
        <translation>ОЗУ: программа %1 МБ, свободно %2 из %3 ГБ</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="83"/>
        <location filename="../status_bar.py" line="94"/>
        <source>GPU: none</source>
        <translation>нет GPU</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="97"/>
        <source>GPU: %1 of %2 GB used</source>
        <translation>GPU: занято %1 из %2 ГБ</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../welcome.py" line="15"/>
        <source>No calls yet</source>
        <translation>Звонков пока нет</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="19"/>
        <source>Generate a demo set of Russian call-center dialogs to try the search, or import your own transcripts (JSONL or CSV).</source>
        <translation>Создайте демо-набор диалогов колл-центра, чтобы попробовать поиск, или импортируйте свои расшифровки (JSONL или CSV).</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="26"/>
        <source>Generate demo set</source>
        <translation>Создать демо-набор</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="29"/>
        <source>Import files…</source>
        <translation>Импортировать файлы…</translation>
    </message>
</context>
</TS>
