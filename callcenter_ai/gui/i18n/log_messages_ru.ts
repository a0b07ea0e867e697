<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>Log</name>
        <message>
            <source>Information</source>
            <translation>Сведения</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>Предупреждение</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Ошибка</translation>
        </message>
        <message>
            <source>Failure</source>
            <translation>Сбой</translation>
        </message>
        <message>
            <source>Debug</source>
            <translation>Отладка</translation>
        </message>
        <message>
            <source>The model was loaded</source>
            <translation>Модель загружена</translation>
        </message>
        <message>
            <source>The model was unloaded from memory</source>
            <translation>Модель выгружена из памяти</translation>
        </message>
        <message>
            <source>The model works in a fallback mode</source>
            <translation>Модель работает в запасном режиме</translation>
        </message>
        <message>
            <source>Out of memory: the batch or the device is changed and the work goes on</source>
            <translation>Не хватило памяти: пакет или устройство изменены, работа продолжается</translation>
        </message>
        <message>
            <source>A batch gave invalid numbers and is redone at full precision</source>
            <translation>Пакет дал неверные числа и пересчитан с полной точностью</translation>
        </message>
        <message>
            <source>Model notice</source>
            <translation>Сообщение модели</translation>
        </message>
        <message>
            <source>clustered %d items into %d topics (silhouette %.3f), %d left over</source>
            <translation>разбито на темы: %d элементов, тем — %d (силуэт %.3f), без темы — %d</translation>
        </message>
        <message>
            <source>topic version %d: %d topics over %d calls (%s)</source>
            <translation>версия тем %d: тем — %d по %d звонкам (%s)</translation>
        </message>
        <message>
            <source>re-ranker for %s trained on %s ratings</source>
            <translation>порядок результатов обучен (%s) на отметках: %s</translation>
        </message>
        <message>
            <source>re-ranker training failed</source>
            <translation>не удалось обучить порядок результатов по отметкам</translation>
        </message>
        <message>
            <source>wrote %d demo calls (seed %d) to %s in %.1f s</source>
            <translation>записано демо-звонков: %d (зерно %d) в %s за %.1f с</translation>
        </message>
        <message>
            <source>cannot count stored vectors: %s</source>
            <translation>не удалось посчитать сохранённые векторы: %s</translation>
        </message>
        <message>
            <source>embedding %d pending calls for %s</source>
            <translation>обработка для поиска по смыслу: звонков — %d (%s)</translation>
        </message>
        <message>
            <source>embedding cancelled after %d of %d calls</source>
            <translation>обработка для поиска по смыслу отменена: готово %d из %d звонков</translation>
        </message>
        <message>
            <source>torch CPU threads %d -&gt; %d (cores not busy with other processes)</source>
            <translation>потоков процессора для модели: %d -&gt; %d (ядра, не занятые другими программами)</translation>
        </message>
        <message>
            <source>int8 requested but this torch has no int8 CPU kernels: using fp32</source>
            <translation>запрошена точность int8, но она здесь не поддерживается: используется fp32</translation>
        </message>
        <message>
            <source>int8 dynamic quantisation (%s): %d Linear layers</source>
            <translation>сжатие модели до int8 (%s): слоёв — %d</translation>
        </message>
        <message>
            <source>migrated %s to schema %s</source>
            <translation>база данных %s обновлена до версии схемы %s</translation>
        </message>
        <message>
            <source>adapter trained on %d pairs in %.1f s: validation pair accuracy %s -&gt; %s (step %d)</source>
            <translation>порядок результатов обучен на %d парах за %.1f с: точность на проверочных парах %s -&gt; %s (шаг %d)</translation>
        </message>
        <message>
            <source>re-ranker for %s not trained: %d usable ratings</source>
            <translation>порядок результатов (%s) не обучен: пригодных отметок — %d</translation>
        </message>
        <message>
            <source>re-ranker for %s not trained: no anchor has both relevant and not relevant results</source>
            <translation>порядок результатов (%s) не обучен: ни у одного запроса нет отметок и «полезно», и «не полезно»</translation>
        </message>
        <message>
            <source>re-ranker %s has %d dims, its sidecar says %s</source>
            <translation>файл порядка результатов %s: размерность %d, а в его описании — %s</translation>
        </message>
        <message>
            <source>cannot read re-ranker %s: %s</source>
            <translation>не удалось прочитать порядок результатов %s: %s</translation>
        </message>
        <message>
            <source>cannot delete the stale index file %s yet: %s</source>
            <translation>старый файл индекса %s пока нельзя удалить: %s</translation>
        </message>
        <message>
            <source>neighbour graph %s has inconsistent shapes: ignored until the next index run</source>
            <translation>граф соседей %s повреждён: не используется до следующего построения индекса</translation>
        </message>
        <message>
            <source>neighbour graph %s unreadable (%s): search goes on without it until the next index run</source>
            <translation>граф соседей %s не читается (%s): поиск работает без него до следующего построения индекса</translation>
        </message>
        <message>
            <source>index copied to GPU 0</source>
            <translation>индекс скопирован на видеокарту 0</translation>
        </message>
        <message>
            <source>IVF: %d lists trained on %d vectors in %.1f s</source>
            <translation>индекс IVF: %d списков обучены на %d векторах за %.1f с</translation>
        </message>
        <message>
            <source>GPU FAISS unavailable, searching on the CPU: %s</source>
            <translation>поиск на видеокарте недоступен, поиск идёт на процессоре: %s</translation>
        </message>
        <message>
            <source>neighbour graph %s: %d calls, %d searched, %.2f s</source>
            <translation>граф соседей %s: звонков — %d, просмотрено — %d, %.2f с</translation>
        </message>
        <message>
            <source>cannot memory-map %s (%s); reading it instead</source>
            <translation>файл %s нельзя отобразить в память (%s); он прочитан целиком</translation>
        </message>
        <message>
            <source>index %s/%s: removed %d of %d stale vectors</source>
            <translation>индекс %s/%s: удалено устаревших векторов — %d из %d</translation>
        </message>
        <message>
            <source>delta not moved whole (%s): its calls are read again</source>
            <translation>добавка не перенесена целиком (%s): векторы её звонков прочитаны заново</translation>
        </message>
        <message>
            <source>index %s: +%d -%d calls, %s vectors, kinds %s, rebuilt %s, merged %s, delta %s, kept %s, %.2f s</source>
            <translation>индекс %s: звонков +%d −%d, векторов %s, виды %s, перестроено %s, слито %s, добавка %s, без изменений %s, %.2f с</translation>
        </message>
        <message>
            <source>rebuilding the index of %s: %s</source>
            <translation>индекс %s строится заново: %s</translation>
        </message>
        <message>
            <source>%s</source>
            <translation>%s</translation>
        </message>
        <message>
            <source>index update of %s cancelled; the previous index is kept</source>
            <translation>обновление индекса %s отменено; прежний индекс сохранён</translation>
        </message>
        <message>
            <source>loaded %s (%d vectors, %s%s) in %.3f s</source>
            <translation>загружен %s (векторов — %d, %s%s) за %.3f с</translation>
        </message>
        <message>
            <source>importing %s (%s, %s, %d bytes)</source>
            <translation>импорт %s (%s, %s, байт — %d)</translation>
        </message>
        <message>
            <source>imported %s: %d inserted, %d updated, %d unchanged, %d invalid in %.1f s</source>
            <translation>импортирован %s: новых — %d, обновлено — %d, без изменений — %d, неверных — %d за %.1f с</translation>
        </message>
        <message>
            <source>import of %s cancelled after %d records; rolled back</source>
            <translation>импорт %s отменён после записей: %d; ничего не записано</translation>
        </message>
        <message>
            <source>%s %s -&gt; %d: %s</source>
            <translation>запрос %s %s → ответ %d: %s</translation>
        </message>
        <message>
            <source>no token read from the keyring for %s: %s</source>
            <translation>токен для %s не прочитан из хранилища паролей: %s</translation>
        </message>
        <message>
            <source>the token for %s could not be removed from the keyring: %s</source>
            <translation>токен для %s не удалось удалить из хранилища паролей: %s</translation>
        </message>
        <message>
            <source>semantic index unusable: %s</source>
            <translation>индекс для поиска по смыслу непригоден: %s</translation>
        </message>
        <message>
            <source>the updated index cannot be read, the previous one serves: %s</source>
            <translation>обновлённый индекс не читается, поиск идёт по предыдущему: %s</translation>
        </message>
        <message>
            <source>re-ranker for %s has %d dims, the index %d: not used</source>
            <translation>порядок результатов (%s) имеет размерность %d, а индекс — %d: не используется</translation>
        </message>
        <message>
            <source>cannot count ratings, not re-ranking: %s</source>
            <translation>не удалось посчитать отметки, порядок результатов не меняется: %s</translation>
        </message>
        <message>
            <source>re-ranker for %s loaded (trained %s on %s ratings)</source>
            <translation>порядок результатов (%s) загружен (обучен %s на отметках: %s)</translation>
        </message>
        <message>
            <source>%s: unreadable, measured again: %s</source>
            <translation>%s: не читается, порог «ничего близкого» измерен заново: %s</translation>
        </message>
        <message>
            <source>%s: not saved: %s</source>
            <translation>%s: не сохранён: %s</translation>
        </message>
        <message>
            <source>keyword index: stemmed %d calls in %.2f s</source>
            <translation>индекс для поиска по словам: обработано звонков — %d за %.2f с</translation>
        </message>
        <message>
            <source>waiting up to %.1f s for the write lock on %s (another program holds it)</source>
            <translation>ожидание до %.1f с записи в %s (её занимает другая программа)</translation>
        </message>
        <message>
            <source>got the write lock on %s</source>
            <translation>запись в %s снова доступна</translation>
        </message>
        <message>
            <source>lock-wait listener failed</source>
            <translation>сбой при сообщении об ожидании базы данных</translation>
        </message>
        <message>
            <source>emerging-topic alerts failed: %s</source>
            <translation>не удалось проверить растущие темы: %s</translation>
        </message>
        <message>
            <source>window shown in %.2f s</source>
            <translation>окно открыто за %.2f с</translation>
        </message>
        <message>
            <source>search service ready in %.2f s</source>
            <translation>поиск готов за %.2f с</translation>
        </message>
        <message>
            <source>unhandled exception
%s</source>
            <translation>непредвиденная ошибка
%s</translation>
        </message>
        <message>
            <source>unhandled exception in thread %s
%s</source>
            <translation>непредвиденная ошибка в потоке %s
%s</translation>
        </message>
        <message>
            <source>known failure: %s</source>
            <translation>%s</translation>
        </message>
        <message>
            <source>another failure while the crash dialog was being opened
%s</source>
            <translation>ещё один сбой, пока открывалось окно об ошибке
%s</translation>
        </message>
        <message>
            <source>the crash dialog could not be shown
%s</source>
            <translation>окно об ошибке не удалось показать
%s</translation>
        </message>
        <message>
            <source>translation of message %r does not fit its values: %s</source>
            <translation>перевод сообщения %r не подходит к его значениям: %s</translation>
        </message>
        <message>
            <source>no translation for %r at %s; showing English</source>
            <translation>нет перевода для %r в %s; показан английский текст</translation>
        </message>
        <message>
            <source>window ready</source>
            <translation>окно готово к работе</translation>
        </message>
        <message>
            <source>some jobs did not stop within 60 s</source>
            <translation>некоторые задачи не остановились за 60 с</translation>
        </message>
        <message>
            <source>the saved server %r is not used: %s</source>
            <translation>сохранённый сервер %r не используется: %s</translation>
        </message>
        <message>
            <source>cancelling %s</source>
            <translation>отмена: %s</translation>
        </message>
        <message>
            <source>%s cancelled after %.2f s</source>
            <translation>%s: отменено через %.2f с</translation>
        </message>
        <message>
            <source>%s failed</source>
            <translation>%s: ошибка</translation>
        </message>
    </context>
</TS>
