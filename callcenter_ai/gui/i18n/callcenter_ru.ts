<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AnalyticsController</name>
    <message>
        <location filename="../analytics_view.py" line="109"/>
        <source>Analytics will load when the running job ends…</source>
        <translation>Аналитика загрузится, когда закончится текущая задача…</translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="144"/>
        <source>No calls yet: import calls or create the demo set, then index them.</source>
        <translation>Звонков пока нет: импортируйте звонки или создайте демо-набор, затем проиндексируйте их.</translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="151"/>
        <source>Finding topics again…</source>
        <translation>Темы пересчитываются…</translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="151"/>
        <source>Building the dashboard…</source>
        <translation>Аналитика строится…</translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="169"/>
        <source>Cancelled: the dashboard was not updated.</source>
        <translation>Отменено: аналитика не обновлена.</translation>
    </message>
</context>
<context>
    <name>AnalyticsExport</name>
    <message>
        <location filename="../analytics_export.py" line="23"/>
        <source>The file was not saved</source>
        <translation>Файл не сохранён</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="26"/>
        <source>Choose another file or folder.</source>
        <translation>Выберите другой файл или папку.</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="35"/>
        <source>Only charts are saved as PNG: choose a chart, or save this table as CSV/XLSX.</source>
        <translation>В PNG сохраняются только графики: выберите график или сохраните эту таблицу в CSV/XLSX.</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="41"/>
        <source>Save the chart</source>
        <translation>Сохранить график</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="51"/>
        <source>Save the table</source>
        <translation>Сохранить таблицу</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="72"/>
        <source>Saved to %1</source>
        <translation>Сохранено в %1</translation>
    </message>
</context>
<context>
    <name>AnalyticsTab</name>
    <message>
        <location filename="../analytics_tab.py" line="52"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="54"/>
        <source>Find topics again</source>
        <translation>Пересчитать темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="57"/>
        <source>Chart as PNG…</source>
        <translation>График в PNG…</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="59"/>
        <source>Table as CSV/XLSX…</source>
        <translation>Таблица в CSV/XLSX…</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="65"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="67"/>
        <source>No analytics yet: import and index calls, then press Refresh.</source>
        <translation>Аналитики пока нет: импортируйте и проиндексируйте звонки, затем нажмите «Обновить».</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="71"/>
        <source>Calls per day</source>
        <translation>Звонки по дням</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="72"/>
        <source>Calls per topic</source>
        <translation>Звонки по темам</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <source>Calls per operator</source>
        <translation>Звонки по операторам</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="75"/>
        <source>Calls by hour and weekday</source>
        <translation>Звонки по часам и дням недели</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Hour of day</source>
        <translation>Час</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Weekday</source>
        <translation>День недели</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <location filename="../analytics_tab.py" line="95"/>
        <location filename="../analytics_tab.py" line="102"/>
        <location filename="../analytics_tab.py" line="105"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="103"/>
        <source>Median duration</source>
        <translation>Медиана длительности</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <location filename="../analytics_tab.py" line="92"/>
        <location filename="../analytics_tab.py" line="94"/>
        <location filename="../analytics_tab.py" line="100"/>
        <location filename="../analytics_tab.py" line="102"/>
        <location filename="../analytics_tab.py" line="105"/>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Keywords</source>
        <translation>Ключевые слова</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Topic no.</source>
        <translation>№ темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>p-value</source>
        <translation>p-значение</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="95"/>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>Expected</source>
        <translation>Ожидалось</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>Rise</source>
        <translation>Рост</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Relevant</source>
        <translation>Полезных</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <location filename="../analytics_tab.py" line="103"/>
        <source>Mean duration</source>
        <translation>Средняя длительность</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="102"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Outcomes</source>
        <translation>Исходы</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Outcome unknown</source>
        <translation>Исход неизвестен</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Duration unknown</source>
        <translation>Длительность неизвестна</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Saved search</source>
        <translation>Сохранённый поиск</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>In the week</source>
        <translation>За неделю</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Week before</source>
        <translation>Неделей раньше</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="124"/>
        <source>Export:</source>
        <translation>Экспорт:</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="156"/>
        <source>Click a row to open its calls in the Search tab</source>
        <translation>Щёлкните строку, чтобы открыть её звонки на вкладке «Поиск»</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="173"/>
        <source>A table is chosen: only charts are saved as PNG</source>
        <translation>Выбрана таблица: в PNG сохраняются только графики</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="181"/>
        <source>No data</source>
        <translation>Нет данных</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="213"/>
        <source>Emerging: {}</source>
        <translation>Растущие темы: {}</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="217"/>
        <source>No emerging topics in the last week.</source>
        <translation>За последнюю неделю растущих тем нет.</translation>
    </message>
</context>
<context>
    <name>AnalyticsText</name>
    <message numerus="yes">
        <location filename="../analytics_text.py" line="17"/>
        <source>%n calls</source>
        <translation>
            <numerusform>%n звонок</numerusform>
            <numerusform>%n звонка</numerusform>
            <numerusform>%n звонков</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="32"/>
        <source>other</source>
        <translation>прочее</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="34"/>
        <source>topic «%1»</source>
        <translation>тема «%1»</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="36"/>
        <source>operator %1</source>
        <translation>оператор %1</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="46"/>
        <source>saved search «%1»</source>
        <translation>сохранённый поиск «%1»</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="48"/>
        <source>calls of one client</source>
        <translation>звонки одного клиента</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="56"/>
        <source>No topics yet: too few indexed calls to find them.</source>
        <translation>Тем пока нет: слишком мало проиндексированных звонков, чтобы их найти.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="57"/>
        <source>No emerging topics: no topic rose significantly in the latest week.</source>
        <translation>Растущих тем нет: ни одна тема не выросла значимо за последнюю неделю.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="60"/>
        <source>No operators: the calls name none.</source>
        <translation>Операторов нет: в звонках они не указаны.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="61"/>
        <source>No durations or outcomes: the calls have none.</source>
        <translation>Длительностей и исходов нет: в звонках они не указаны.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="62"/>
        <source>No repeat calls: no client called again within the period, or the calls have no client id.</source>
        <translation>Повторных звонков нет: никто из клиентов не позвонил снова за этот срок, или в звонках нет идентификатора клиента.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="66"/>
        <source>No saved searches yet: add one with «python -m callcenter_ai saved-search add».</source>
        <translation>Сохранённых поисков нет: добавьте их командой «python -m callcenter_ai saved-search add».</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="73"/>
        <source>p-value: the chance of a rise this large by accident, with the topic&apos;s usual volume. The smaller, the surer; topics are shown when it is small after the correction for many topics.</source>
        <translation>p-значение: вероятность случайно получить такой рост при обычном для темы числе звонков. Чем меньше, тем надёжнее; тема показывается, когда оно мало и после поправки на множество тем.</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="83"/>
        <source>Calls per day</source>
        <translation>Звонки по дням</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="84"/>
        <source>Calls per topic</source>
        <translation>Звонки по темам</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="85"/>
        <source>Calls per operator</source>
        <translation>Звонки по операторам</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="86"/>
        <source>Hour × weekday</source>
        <translation>Час × день недели</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="87"/>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="88"/>
        <source>Emerging topics</source>
        <translation>Растущие темы</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="89"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="90"/>
        <source>Duration and outcome</source>
        <translation>Длительность и исход</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="91"/>
        <source>Repeat calls</source>
        <translation>Повторные звонки</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="92"/>
        <source>Saved searches</source>
        <translation>Сохранённые поиски</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../backend.py" line="103"/>
        <location filename="../backend.py" line="110"/>
        <location filename="../backend.py" line="119"/>
        <source>not loaded</source>
        <translation>не загружена</translation>
    </message>
    <message>
        <location filename="../backend.py" line="113"/>
        <source>offline %1, %2</source>
        <translation>офлайн-модель %1, %2</translation>
    </message>
    <message>
        <location filename="../backend.py" line="120"/>
        <source>loading</source>
        <translation>загружается</translation>
    </message>
    <message>
        <location filename="../backend.py" line="108"/>
        <source>loaded</source>
        <translation>загружена</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="189"/>
        <location filename="../write_jobs.py" line="96"/>
        <source>Importing %1 (%2 of %3)</source>
        <translation>Импорт %1 (%2 из %3)</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="115"/>
        <source>%1: ... and %2 more problems</source>
        <translation>%1: ... и ещё проблем: %2</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="121"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>Импортировано: новых %1, обновлено %2, без изменений %3, с ошибками %4</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="146"/>
        <source>Generating the demo set</source>
        <translation>Создание демо-набора</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="151"/>
        <source>Demo set: %1 new, %2 updated, %3 unchanged calls</source>
        <translation>Демо-набор: новых звонков %1, обновлено %2, без изменений %3</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="157"/>
        <source>Demo set cancelled, nothing written</source>
        <translation>Создание демо-набора отменено, ничего не записано</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="213"/>
        <location filename="../write_jobs.py" line="172"/>
        <source>Preparing the model…</source>
        <translation>Подготовка модели…</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="133"/>
        <source>Embedding calls</source>
        <translation>Подготовка звонков к поиску по смыслу</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="228"/>
        <location filename="../write_jobs.py" line="180"/>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="26"/>
        <location filename="../adapters.py" line="135"/>
        <source>Updating the keyword index</source>
        <translation>Обновление индекса по словам</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="34"/>
        <source>writing the file</source>
        <translation>запись файла</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="39"/>
        <source>calls/s</source>
        <translation>звонков/с</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="52"/>
        <source>cancelled, nothing written</source>
        <translation>отменено, ничего не записано</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="54"/>
        <location filename="../remote_adapters.py" line="82"/>
        <source>saved</source>
        <translation>сохранено</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="56"/>
        <location filename="../remote_adapters.py" line="84"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="60"/>
        <location filename="../remote_adapters.py" line="89"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>новых %1, обновлено %2, без изменений %3, с ошибками %4</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="76"/>
        <source>chunks/s</source>
        <translation>фрагментов/с</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="87"/>
        <source>processor</source>
        <translation>процессор</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="88"/>
        <location filename="../adapters.py" line="89"/>
        <source>graphics card</source>
        <translation>видеокарта</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="92"/>
        <source>full precision</source>
        <translation>полная точность</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="93"/>
        <location filename="../adapters.py" line="94"/>
        <source>half precision</source>
        <translation>половинная точность</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="95"/>
        <source>compressed (int8)</source>
        <translation>сжатая модель (int8)</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="103"/>
        <source>Index: %1 new calls, %2 changed, %3 removed, %4 unchanged; %5 vectors.</source>
        <translation>Индекс: новых звонков %1, изменено %2, удалено %3, без изменений %4; векторов %5.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="114"/>
        <source>Prepared for search by meaning: %1 of %2 calls (%3 chunks) in %4 s.</source>
        <translation>Подготовлено для поиска по смыслу: %1 из %2 звонков (фрагментов: %3) за %4 с.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="121"/>
        <source>The offline embedder was used: the model is not available (see the log).</source>
        <translation>Использована офлайн-модель: основная модель недоступна (подробности в журнале).</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="141"/>
        <source>Comparing the index with the store</source>
        <translation>Сравнение индекса с базой</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="142"/>
        <source>Removing old vectors</source>
        <translation>Удаление из индекса прежних версий звонков</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="143"/>
        <source>Adding vectors</source>
        <translation>Добавление звонков в индекс</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="144"/>
        <source>Building the index</source>
        <translation>Построение индекса</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="145"/>
        <source>Saving the index</source>
        <translation>Сохранение индекса</translation>
    </message>
</context>
<context>
    <name>CallViewer</name>
    <message>
        <location filename="../call_viewer.py" line="66"/>
        <source>by meaning</source>
        <translation>по смыслу</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="67"/>
        <source>by words</source>
        <translation>по словам</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="68"/>
        <source>both</source>
        <translation>и то, и другое</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="74"/>
        <source>Matched words are marked; the sentence closest in meaning is underlined</source>
        <translation>Найденные слова выделены; предложение, ближе всего по смыслу, подчёркнуто</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="82"/>
        <source>Previous matched turn (Shift+F3)</source>
        <translation>Предыдущая найденная реплика (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="87"/>
        <source>Next matched turn (F3)</source>
        <translation>Следующая найденная реплика (F3)</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="112"/>
        <source>Select a result to see the call.</source>
        <translation>Выберите результат, чтобы увидеть звонок.</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../charts.py" line="44"/>
        <source>No ratings yet</source>
        <translation>Пока нет отметок</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../remote_connect.py" line="42"/>
        <source>Connect to a server</source>
        <translation>Подключение к серверу</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="45"/>
        <source>Work on the call center&apos;s shared archive instead of this computer&apos;s own calls. The administrator gives you the address and your token.</source>
        <translation>Работать с общим архивом колл-центра вместо звонков этого компьютера. Адрес и ваш токен выдаёт администратор.</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="58"/>
        <source>Remember the token in the system keyring</source>
        <translation>Запомнить токен в системном хранилище паролей</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="66"/>
        <source>Server address:</source>
        <translation>Адрес сервера:</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="67"/>
        <source>Token:</source>
        <translation>Токен:</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="72"/>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="73"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="87"/>
        <source>Enter the server&apos;s address.</source>
        <translation>Введите адрес сервера.</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="89"/>
        <source>Connecting to %1…</source>
        <translation>Подключение к %1…</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../error_texts.py" line="20"/>
        <source>The database is locked</source>
        <translation>База данных заблокирована</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="20"/>
        <source>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</source>
        <translation>В базу сейчас пишет другое окно или задача CallCenter AI. Дождитесь окончания или закройте его и повторите.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="26"/>
        <source>The database is damaged</source>
        <translation>База данных повреждена</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="26"/>
        <source>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</source>
        <translation>Восстановите data/callcenter.db из резервной копии или переместите файл и импортируйте звонки заново.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="30"/>
        <source>The database is from a newer version</source>
        <translation>База данных создана более новой версией</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="32"/>
        <source>Update CallCenter AI, or start it with another home folder (--home).</source>
        <translation>Обновите CallCenter AI или запустите его с другой папкой данных.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="34"/>
        <source>No calls yet</source>
        <translation>Звонков пока нет</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="34"/>
        <source>Import files (File menu) or generate the demo set, then search again.</source>
        <translation>Импортируйте файлы (меню «Файл») или создайте демонстрационный набор, затем повторите поиск.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="38"/>
        <source>No connection to the database server</source>
        <translation>Нет связи с сервером базы данных</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="40"/>
        <source>Check that the server is running and the database_url setting is right, then start again.</source>
        <translation>Проверьте, что сервер работает и настройка database_url указана верно, затем запустите программу снова.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="44"/>
        <source>The database cannot be used</source>
        <translation>Базу данных нельзя использовать</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="44"/>
        <source>Check that the disk has free space and the folder is writable.</source>
        <translation>Проверьте, что на диске есть место и в папку можно писать.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="48"/>
        <source>The index for search by meaning is not built yet</source>
        <translation>Индекс для поиска по смыслу ещё не построен</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="50"/>
        <source>The search index is damaged</source>
        <translation>Поисковый индекс повреждён</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="50"/>
        <source>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</source>
        <translation>Перестройте его на вкладке «Индексация» (кнопка «Перестроить индекс»). Поиск по словам пока работает.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="54"/>
        <source>The index was built by another model</source>
        <translation>Индекс построен другой моделью</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="56"/>
        <source>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</source>
        <translation>Перестройте индекс для текущей модели на вкладке «Индексация» или верните прежнюю модель в настройках.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="61"/>
        <source>The search index cannot be used</source>
        <translation>Поисковый индекс нельзя использовать</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="61"/>
        <source>Rebuild it on the Indexing tab.</source>
        <translation>Перестройте его на вкладке «Индексация».</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="65"/>
        <source>The embedding model is not available</source>
        <translation>Модель эмбеддингов недоступна</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="67"/>
        <source>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</source>
        <translation>При первом запуске модель скачивается из интернета: проверьте подключение или укажите локальную папку модели в настройках (параметр model). Поиск по словам работает без модели.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="73"/>
        <source>No connection to the server</source>
        <translation>Нет связи с сервером</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="73"/>
        <source>Nothing was lost: the window goes on as soon as the server answers again.</source>
        <translation>Ничего не потеряно: окно продолжит работу, как только сервер снова ответит.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="77"/>
        <source>The server refused</source>
        <translation>Сервер отказал</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="77"/>
        <source>Connect again with a valid token (File menu, «Connect to a server…»).</source>
        <translation>Подключитесь снова с действующим токеном (меню «Файл», «Подключиться к серверу…»).</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="81"/>
        <source>The file cannot be imported</source>
        <translation>Файл нельзя импортировать</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="81"/>
        <source>Fix the lines listed below, or import with «Skip invalid records».</source>
        <translation>Исправьте строки, перечисленные ниже, или импортируйте с флажком «Пропускать неверные записи».</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="85"/>
        <source>A setting is invalid</source>
        <translation>Неверное значение настройки</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="85"/>
        <source>Correct the value in settings.json or on the command line.</source>
        <translation>Исправьте значение в settings.json или в командной строке.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="89"/>
        <source>Not found</source>
        <translation>Не найдено</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="89"/>
        <source>The call may have been deleted; search again.</source>
        <translation>Возможно, звонок удалён; повторите поиск.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="92"/>
        <source>The operation failed</source>
        <translation>Операция не удалась</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="56"/>
        <source>Line %1: %2</source>
        <translation>Строка %1: %2</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="63"/>
        <source>… and %1 more (see the details)</source>
        <translation>… и ещё %1 (см. подробности)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <source>Hint: </source>
        <translation>Подсказка: </translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>Unexpected error</source>
        <translation>Непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>Something went wrong inside CallCenter AI (a bug).</source>
        <translation>В CallCenter AI произошла внутренняя ошибка.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="95"/>
        <source>The details are in the log panel. Please send them to the developers. You can keep working.</source>
        <translation>Подробности — на вкладке «Журнал». Пожалуйста, отправьте их разработчикам. Работу можно продолжать.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="149"/>
        <source>Waiting for the database: another program is writing to it (up to %1 s)…</source>
        <translation>Ожидание базы данных: в неё пишет другая программа (до %1 с)…</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../field_words.py" line="18"/>
        <source>call id</source>
        <translation>номер звонка</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="19"/>
        <source>date and time</source>
        <translation>дата и время</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="20"/>
        <source>duration</source>
        <translation>длительность</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="21"/>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="22"/>
        <source>topic</source>
        <translation>тема</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="23"/>
        <source>channel</source>
        <translation>канал</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="24"/>
        <source>direction</source>
        <translation>направление</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="25"/>
        <source>outcome</source>
        <translation>исход</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="26"/>
        <source>client</source>
        <translation>клиент</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="27"/>
        <source>turns</source>
        <translation>реплики</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="28"/>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="29"/>
        <source>who speaks</source>
        <translation>кто говорит</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="30"/>
        <source>start time</source>
        <translation>время начала</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="31"/>
        <source>end time</source>
        <translation>время конца</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="32"/>
        <source>turn order</source>
        <translation>порядок реплик</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="33"/>
        <source>extra fields</source>
        <translation>дополнительные поля</translation>
    </message>
    <message>
        <location filename="../field_words.py" line="43"/>
        <source>turn %1</source>
        <translation>реплика %1</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../filter_panel.py" line="58"/>
        <location filename="../filter_panel.py" line="82"/>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="60"/>
        <location filename="../filter_panel.py" line="84"/>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="89"/>
        <source>both sides</source>
        <translation>обе стороны</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="90"/>
        <source>client&apos;s words</source>
        <translation>реплики клиента</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="91"/>
        <source>operator&apos;s words</source>
        <translation>реплики оператора</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="93"/>
        <source>Reset filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="105"/>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Topics</source>
        <translation>Темы</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Channel</source>
        <translation>Канал</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="131"/>
        <source>Tick the ones to keep; nothing ticked: all. The number is how many calls.</source>
        <translation>Отметьте нужные; ничего не отмечено — все. Число — сколько звонков.</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="105"/>
        <source>Duration, min</source>
        <translation>Длительность, мин</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="119"/>
        <source>Side</source>
        <translation>Сторона</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="138"/>
        <source>any</source>
        <translation>любая</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="139"/>
        <source> min</source>
        <translation> мин</translation>
    </message>
</context>
<context>
    <name>IndexTab</name>
    <message>
        <location filename="../index_tab.py" line="33"/>
        <source>Calls</source>
        <translation>Звонки</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="34"/>
        <source>Import files…</source>
        <translation>Импортировать файлы…</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="37"/>
        <source>Call transcripts in JSONL or CSV (the formats are described in the user guide)</source>
        <translation>Расшифровки звонков в JSONL или CSV (форматы описаны в руководстве)</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="40"/>
        <source>Skip invalid records</source>
        <translation>Пропускать неверные записи</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="42"/>
        <source>Generate demo set</source>
        <translation>Создать демо-набор</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="50"/>
        <source> calls</source>
        <translation> звонков</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="58"/>
        <source>Search index</source>
        <translation>Поисковый индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="59"/>
        <source>Build / update index</source>
        <translation>Построить / обновить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="61"/>
        <source>Embed the calls that are new or changed and update the index</source>
        <translation>Подготовить новые и изменённые звонки к поиску по смыслу и обновить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="63"/>
        <source>Rebuild index</source>
        <translation>Перестроить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="66"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="70"/>
        <source>Stop the running job: indexing stops after the current batch and the next run continues from there; an import keeps the files already imported and undoes the file in progress</source>
        <translation>Остановить задачу: индексация остановится после текущей порции, и следующий запуск продолжит с этого места; импорт сохранит уже загруженные файлы и отменит файл, который загружается сейчас</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="140"/>
        <source>Update index</source>
        <translation>Обновить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="140"/>
        <source>Build index</source>
        <translation>Построить индекс</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="143"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation>Звонков пока нет: импортируйте файлы или создайте демо-набор.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="146"/>
        <source>Calls: %1. The index for search by meaning is not built yet: build it (search by words works already).</source>
        <translation>Звонков: %1. Индекс для поиска по смыслу ещё не построен: постройте его (поиск по словам уже работает).</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="150"/>
        <source>Calls: %1, in the index: %2. Update the index to search the other %3 by meaning.</source>
        <translation>Звонков: %1, в индексе: %2. Обновите индекс, чтобы остальные %3 искались по смыслу.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="156"/>
        <source>All %1 calls are in the index.</source>
        <translation>Все звонки (%1) в индексе.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="158"/>
        <source>Model: %1</source>
        <translation>Модель: %1</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="93"/>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="94"/>
        <source>Speed</source>
        <translation>Скорость</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="95"/>
        <source>Time left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="96"/>
        <source>Device</source>
        <translation>Устройство</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="97"/>
        <source>Batch size</source>
        <translation>Размер пакета</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="117"/>
        <source>Results of imports and indexing appear here.</source>
        <translation>Здесь появятся итоги импорта и индексации.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="122"/>
        <source>Summary</source>
        <translation>Итоги</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <location filename="../jobs_view.py" line="53"/>
        <source>Import calls</source>
        <translation>Импорт звонков</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Расшифровки (*.jsonl *.json *.csv *.tsv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="62"/>
        <source>Importing %1 file(s)</source>
        <translation>Импорт файлов: %1</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="72"/>
        <source>Generate the demo set?</source>
        <translation>Создать демо-набор?</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="74"/>
        <source>The database already holds %1 calls. The demo set adds its calls and rewrites the demo calls made before (they then need indexing again). Your own calls are not touched.</source>
        <translation>В базе уже есть звонки: %1. Демо-набор добавит свои звонки и перезапишет созданные раньше демо-звонки (их потом нужно заново проиндексировать). Ваши собственные звонки не затрагиваются.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="82"/>
        <source>Generate</source>
        <translation>Создать</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="91"/>
        <source>Generating %1 demo calls</source>
        <translation>Создание демо-звонков: %1</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="97"/>
        <source>Rebuilding the index</source>
        <translation>Перестройка индекса</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="97"/>
        <source>Building the index</source>
        <translation>Построение индекса</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="108"/>
        <source>The index for search by meaning is being built; search by words works already.</source>
        <translation>Строится индекс для поиска по смыслу; поиск по словам уже работает.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="113"/>
        <source>Search by meaning needs the index, which is not built yet. Search by words works already.</source>
        <translation>Для поиска по смыслу нужен индекс, он ещё не построен. Поиск по словам уже работает.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="118"/>
        <source>%1 calls are not in the index yet: search by meaning does not see them.</source>
        <translation>Звонков ещё не в индексе: %1 — поиск по смыслу их не видит.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="162"/>
        <source>The index for search by meaning is being built: %1 %. Search by words works already.</source>
        <translation>Строится индекс для поиска по смыслу: %1 %. Поиск по словам уже работает.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="128"/>
        <source>Cancelling after the current batch…</source>
        <translation>Отмена после текущего пакета…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="135"/>
        <source>Another job is running; wait or cancel it.</source>
        <translation>Уже идёт другая задача; дождитесь её или отмените.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="200"/>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="204"/>
        <source>Done: %1 of %2; the next run continues from there.</source>
        <translation>Обработано %1 из %2; следующий запуск продолжит с этого места.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="210"/>
        <source>Search uses the previous index meanwhile.</source>
        <translation>Пока поиск использует прежний индекс.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="214"/>
        <source>Failed.</source>
        <translation>Ошибка.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="216"/>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../log_panel.py" line="44"/>
        <source>Show debug messages</source>
        <translation>Показывать отладочные сообщения</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="45"/>
        <source>Clear</source>
        <translation>Очистить</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="51"/>
        <source>CallCenter AI — call search</source>
        <translation>CallCenter AI — поиск по звонкам</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="71"/>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Indexing</source>
        <translation>Индексация</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="73"/>
        <source>Learning</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>Analytics</source>
        <translation>Аналитика</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="75"/>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="29"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="30"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Импортировать файлы…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="33"/>
        <source>&amp;Export results to CSV…</source>
        <translation>&amp;Экспорт результатов в CSV…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="38"/>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="42"/>
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="43"/>
        <source>&amp;Find…</source>
        <translation>&amp;Найти…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="47"/>
        <source>Find &amp;similar calls</source>
        <translation>Найти &amp;похожие звонки</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="51"/>
        <source>S&amp;ettings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="52"/>
        <source>&amp;Unload the model from memory</source>
        <translation>&amp;Выгрузить модель из памяти</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="54"/>
        <source>Free the memory the embedding model holds; it loads again when needed.</source>
        <translation>Освободить память, занятую моделью; при необходимости она загрузится снова.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="61"/>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="71"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="72"/>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="81"/>
        <source>Nothing to export: search first.</source>
        <translation>Нечего экспортировать: сначала выполните поиск.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="85"/>
        <source>Export results</source>
        <translation>Экспорт результатов</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="87"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="97"/>
        <source>Choose another file or folder.</source>
        <translation>Выберите другой файл или папку.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="101"/>
        <source>Saved %1 rows to %2</source>
        <translation>Сохранено строк: %1 в %2</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="119"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="120"/>
        <source>The language changes when the app starts next time.</source>
        <translation>Язык сменится при следующем запуске программы.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="129"/>
        <source>About CallCenter AI</source>
        <translation>О программе CallCenter AI</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="130"/>
        <source>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</source>
        <translation>CallCenter AI %1
Поиск и аналитика по расшифровкам звонков колл-центра.
Папка данных: %2</translation>
    </message>
</context>
<context>
    <name>Remote</name>
    <message>
        <location filename="../remote_backend.py" line="109"/>
        <source>on the server %1</source>
        <translation>на сервере %1</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="196"/>
        <source>Imported on the server: %1 new calls</source>
        <translation>Импортировано на сервер: новых звонков — %1</translation>
    </message>
</context>
<context>
    <name>RemoteSession</name>
    <message>
        <location filename="../remote_session.py" line="59"/>
        <source>Connect to a &amp;server…</source>
        <translation>Подключиться к &amp;серверу…</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="61"/>
        <source>&amp;Disconnect from the server</source>
        <translation>&amp;Отключиться от сервера</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="71"/>
        <location filename="../remote_session.py" line="176"/>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="118"/>
        <source>Wait for the running job to finish (or cancel it), then connect.</source>
        <translation>Дождитесь окончания задачи (или отмените её), затем подключитесь.</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="184"/>
        <source>Server: %1 — connecting…</source>
        <translation>Сервер: %1 — подключение…</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="245"/>
        <source>Server: %1 — no connection</source>
        <translation>Сервер: %1 — нет связи</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="248"/>
        <source>Server: %1</source>
        <translation>Сервер: %1</translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="249"/>
        <source>Searches, calls, ratings and analytics come from this server.</source>
        <translation>Поиск, звонки, оценки и аналитика берутся с этого сервера.</translation>
    </message>
    <message>
        <location filename="../remote_roles.py" line="24"/>
        <source>admin</source>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../remote_roles.py" line="25"/>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../results_model.py" line="84"/>
        <source>Match</source>
        <translation>Сходство</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="85"/>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="86"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="87"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="88"/>
        <source>Duration</source>
        <translation>Длит.</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="89"/>
        <source>Snippet</source>
        <translation>Фрагмент</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="141"/>
        <source>Close in meaning: %1</source>
        <translation>Близость по смыслу: %1</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="143"/>
        <source>Share of the query&apos;s words found: %1</source>
        <translation>Найдено слов запроса: %1</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="146"/>
        <source>Ranking score: %1</source>
        <translation>Балл ранжирования: %1</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="151"/>
        <source>Order learned from operators&apos; ratings: %1</source>
        <translation>Порядок по отметкам операторов: %1</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="156"/>
        <source>More likely unrelated than related</source>
        <translation>Скорее не относится к запросу</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="160"/>
        <source>You rated it: useful</source>
        <translation>Вы отметили: полезно</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="162"/>
        <source>You rated it: not useful</source>
        <translation>Вы отметили: не подходит</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <location filename="../search_controller.py" line="74"/>
        <source>Type what to look for.</source>
        <translation>Введите, что искать.</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="83"/>
        <location filename="../search_controller.py" line="119"/>
        <location filename="../search_controller.py" line="143"/>
        <source>Calls similar to %1</source>
        <translation>Звонки, похожие на %1</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="86"/>
        <location filename="../search_controller.py" line="126"/>
        <source>Searching: %1</source>
        <translation>Поиск: %1</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="135"/>
        <source>Select a call first.</source>
        <translation>Сначала выберите звонок.</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="183"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="215"/>
        <source>Saved: useful</source>
        <translation>Сохранено: полезно</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="215"/>
        <source>Saved: not useful</source>
        <translation>Сохранено: не полезно</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="21"/>
        <source>the date «from» is after the date «to»: no call can match; correct the dates</source>
        <translation>дата «с» позже даты «по»: ни один звонок не подойдёт; исправьте даты</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="25"/>
        <source>the duration «from» is longer than «to»: no call can match; correct the duration</source>
        <translation>длительность «с» больше, чем «по»: ни один звонок не подойдёт; исправьте длительность</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="37"/>
        <source>nothing found</source>
        <translation>ничего не найдено</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="39"/>
        <source>nothing close found</source>
        <translation>ничего близкого не найдено</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="43"/>
        <location filename="../result_summary.py" line="49"/>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="52"/>
        <source>shown %1, there are more</source>
        <translation>показаны %1, есть ещё</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../search_tab.py" line="45"/>
        <source>What are you looking for? E.g. charged twice for one purchase</source>
        <translation>Что ищем? Например: списали деньги дважды за одну покупку</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="171"/>
        <source>top </source>
        <translation>топ </translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="172"/>
        <source>How many calls to show at once; «More» shows the next ones</source>
        <translation>Сколько звонков показывать за раз; «Ещё» показывает следующие</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="30"/>
        <source>semantic</source>
        <translation>смысловой</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="31"/>
        <source>by words</source>
        <translation>по словам</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="32"/>
        <source>hybrid</source>
        <translation>гибридный</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="34"/>
        <source>By meaning: calls about the same thing in other words.
By words: calls holding the query&apos;s words in any form; &quot;exact phrase&quot;, -exclude, OR between alternatives.
Hybrid: both lists merged.</source>
        <translation>По смыслу: звонки о том же, даже другими словами.
По словам: звонки, где есть слова запроса в любой форме; «&quot;точная фраза&quot;», «-исключить», OR (или ИЛИ) между вариантами.
Гибрид: оба списка вместе.</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="109"/>
        <source>✓ Useful</source>
        <translation>✓ Полезно</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="114"/>
        <source>✗ Not useful</source>
        <translation>✗ Не полезно</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="52"/>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>Find similar</source>
        <translation>Найти похожие</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>Calls similar to the selected one</source>
        <translation>Звонки, похожие на выбранный</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Save the shown results to a CSV file (Ctrl+E)</source>
        <translation>Сохранить показанные результаты в CSV (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="50"/>
        <source>Previous search (Alt+Left)</source>
        <translation>Предыдущий поиск (Alt+←)</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="54"/>
        <source>Next search (Alt+Right)</source>
        <translation>Следующий поиск (Alt+→)</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="77"/>
        <source>Filters</source>
        <translation>Фильтры</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="67"/>
        <source>Build index</source>
        <translation>Построить индекс</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="96"/>
        <source>More</source>
        <translation>Ещё</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="96"/>
        <source>Show the next calls of this search</source>
        <translation>Показать следующие звонки этого поиска</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="100"/>
        <source>Calls the search judges more likely unrelated than related</source>
        <translation>Звонки, которые скорее не относятся к запросу</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="105"/>
        <source>The call these results are similar to: click to show it</source>
        <translation>Звонок, на который похожи результаты: нажмите, чтобы показать его</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="112"/>
        <source>This call answers the query (Ctrl+1): ratings improve the order</source>
        <translation>Звонок отвечает на запрос (Ctrl+1): отметки улучшают порядок результатов</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="81"/>
        <source>Show the filters (date, operator, topic, channel, outcome, duration, side); hidden filters are off</source>
        <translation>Показать фильтры (дата, оператор, тема, канал, исход, длительность, сторона); скрытые фильтры выключены</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="91"/>
        <source>Describe what you are looking for in your own words and press Enter; «Filters» narrow it down.</source>
        <translation>Опишите своими словами, что ищете, и нажмите Enter; «Фильтры» сузят поиск.</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="170"/>
        <source>off: all calls are searched</source>
        <translation>выключены: поиск по всем звонкам</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="174"/>
        <source>on: %1 set</source>
        <translation>включены: задано условий — %1</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="174"/>
        <source>on: nothing set yet</source>
        <translation>включены: пока ничего не задано</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="185"/>
        <source>Hide less similar</source>
        <translation>Скрыть менее похожие</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="187"/>
        <source>Show less similar (%1)</source>
        <translation>Показать менее похожие (%1)</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="243"/>
        <source>Similar to: %1</source>
        <translation>Похожие на: %1</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="116"/>
        <source>This call does not answer the query (Ctrl+2)</source>
        <translation>Звонок не отвечает на запрос (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="123"/>
        <source>Is this result useful?</source>
        <translation>Результат полезен?</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../stats_tab.py" line="61"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="65"/>
        <location filename="../stats_tab.py" line="137"/>
        <source>Ratings</source>
        <translation>Отметки</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="68"/>
        <source>Ratings recorded</source>
        <translation>Всего отметок</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="69"/>
        <source>Rated query–call pairs</source>
        <translation>Отмеченных пар «запрос — звонок»</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="70"/>
        <source>Rated relevant</source>
        <translation>Отмечено полезными</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="71"/>
        <source>Precision of served results</source>
        <translation>Доля полезных среди показанных</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="72"/>
        <source>Re-ranking from ratings</source>
        <translation>Учёт отметок в порядке результатов</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="73"/>
        <source>Gain on held-out ratings</source>
        <translation>Выигрыш на проверочных отметках</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="80"/>
        <source>Precision of served results over time</source>
        <translation>Доля полезных среди показанных, по времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="82"/>
        <source>Precision: plain vs re-ranked results</source>
        <translation>Доля полезных: без учёта отметок и с учётом</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="84"/>
        <source>Rated relevant by topic</source>
        <translation>Доля полезных по темам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="86"/>
        <source>Rated relevant, by who rated</source>
        <translation>Доля полезных по сотрудникам, ставившим отметки</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="97"/>
        <source>Who rated</source>
        <translation>Кто ставил отметки</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="96"/>
        <source>Topic</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="98"/>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="104"/>
        <source>By who rated</source>
        <translation>По сотрудникам, ставившим отметки</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="137"/>
        <source>Rated useful</source>
        <translation>Полезно</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="166"/>
        <source>Precision@%1 of served results over time</source>
        <translation>Доля полезных среди первых %1, по времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>Precision@%1: plain vs re-ranked results</source>
        <translation>Доля полезных среди первых %1: без учёта отметок и с учётом</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="170"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="181"/>
        <source>plain</source>
        <translation>без учёта отметок</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="181"/>
        <source>re-ranked</source>
        <translation>с учётом отметок</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="197"/>
        <source>R-precision %1 → %2 on %3 held-out queries</source>
        <translation>Доля полезных в начале списка: %1 → %2 на %3 проверочных запросах</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="103"/>
        <source>By topic</source>
        <translation>По темам</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="105"/>
        <source>Over time</source>
        <translation>По времени</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="137"/>
        <source>Precision</source>
        <translation>Доля полезных</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="155"/>
        <source>on</source>
        <translation>включено</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="158"/>
        <source>off until %1 ratings (now %2)</source>
        <translation>выключено до %1 отметок (сейчас %2)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="49"/>
        <location filename="../status_bar.py" line="103"/>
        <source>Model: %1</source>
        <translation>Модель: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="49"/>
        <location filename="../status_bar.py" line="103"/>
        <source>not loaded</source>
        <translation>не загружена</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="57"/>
        <source>Calls: %1</source>
        <translation>Звонков: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="59"/>
        <source>indexed: %1</source>
        <translation>в индексе: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="71"/>
        <source>RAM: app %1 MB, free %2 of %3 GB</source>
        <translation>ОЗУ: программа %1 МБ, свободно %2 из %3 ГБ</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="80"/>
        <location filename="../status_bar.py" line="91"/>
        <source>GPU: none</source>
        <translation>нет GPU</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="94"/>
        <source>GPU: %1 of %2 GB used</source>
        <translation>GPU: занято %1 из %2 ГБ</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="103"/>
        <source>loaded</source>
        <translation>загружена</translation>
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
