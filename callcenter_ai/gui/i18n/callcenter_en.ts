<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnalyticsController</name>
    <message>
        <location filename="../analytics_view.py" line="109"/>
        <source>Analytics will load when the running job ends…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="144"/>
        <source>No calls yet: import calls or create the demo set, then index them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="151"/>
        <source>Finding topics again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="151"/>
        <source>Building the dashboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_view.py" line="169"/>
        <source>Cancelled: the dashboard was not updated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalyticsExport</name>
    <message>
        <location filename="../analytics_export.py" line="23"/>
        <source>The file was not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="26"/>
        <source>Choose another file or folder.</source>
        <translation type="unfinished">Choose another file or folder.</translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="35"/>
        <source>Only charts are saved as PNG: choose a chart, or save this table as CSV/XLSX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="41"/>
        <source>Save the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="51"/>
        <source>Save the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_export.py" line="72"/>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalyticsTab</name>
    <message>
        <location filename="../analytics_tab.py" line="52"/>
        <source>Refresh</source>
        <translation type="unfinished">Refresh</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="54"/>
        <source>Find topics again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="57"/>
        <source>Chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="59"/>
        <source>Table as CSV/XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="65"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="67"/>
        <source>No analytics yet: import and index calls, then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="71"/>
        <source>Calls per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="72"/>
        <source>Calls per topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="73"/>
        <source>Calls per operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="75"/>
        <source>Calls by hour and weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="78"/>
        <source>Weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <location filename="../analytics_tab.py" line="95"/>
        <location filename="../analytics_tab.py" line="102"/>
        <location filename="../analytics_tab.py" line="105"/>
        <source>Topic</source>
        <translation type="unfinished">Topic</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="103"/>
        <source>Median duration</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished">Calls</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="92"/>
        <source>Topic no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>p-value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="95"/>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="94"/>
        <source>Rise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Operator</source>
        <translation type="unfinished">Operator</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Topics</source>
        <translation type="unfinished">Topics</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <source>Relevant</source>
        <translation type="unfinished">Relevant</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="100"/>
        <location filename="../analytics_tab.py" line="103"/>
        <source>Mean duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="102"/>
        <source>Client</source>
        <translation type="unfinished">Client</translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="104"/>
        <source>Duration unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>In the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="107"/>
        <source>Week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="124"/>
        <source>Export:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="156"/>
        <source>Click a row to open its calls in the Search tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="173"/>
        <source>A table is chosen: only charts are saved as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="181"/>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="213"/>
        <source>Emerging: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_tab.py" line="217"/>
        <source>No emerging topics in the last week.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalyticsText</name>
    <message numerus="yes">
        <location filename="../analytics_text.py" line="17"/>
        <source>%n calls</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="32"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="34"/>
        <source>topic «%1»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="36"/>
        <source>operator %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="46"/>
        <source>saved search «%1»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="48"/>
        <source>calls of one client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="56"/>
        <source>No topics yet: too few indexed calls to find them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="57"/>
        <source>No emerging topics: no topic rose significantly in the latest week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="60"/>
        <source>No operators: the calls name none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="61"/>
        <source>No durations or outcomes: the calls have none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="62"/>
        <source>No repeat calls: no client called again within the period, or the calls have no client id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="66"/>
        <source>No saved searches yet: add one with «python -m callcenter_ai saved-search add».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="73"/>
        <source>p-value: the chance of a rise this large by accident, with the topic&apos;s usual volume. The smaller, the surer; topics are shown when it is small after the correction for many topics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="83"/>
        <source>Calls per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="84"/>
        <source>Calls per topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="85"/>
        <source>Calls per operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="86"/>
        <source>Hour × weekday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="87"/>
        <source>Topics</source>
        <translation type="unfinished">Topics</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="88"/>
        <source>Emerging topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="89"/>
        <source>Operators</source>
        <translation type="unfinished">Operators</translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="90"/>
        <source>Duration and outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="91"/>
        <source>Repeat calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../analytics_text.py" line="92"/>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <location filename="../backend.py" line="103"/>
        <location filename="../backend.py" line="110"/>
        <location filename="../backend.py" line="119"/>
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../backend.py" line="113"/>
        <source>offline %1, %2</source>
        <translation>offline %1, %2</translation>
    </message>
    <message>
        <location filename="../backend.py" line="120"/>
        <source>loading</source>
        <translation>loading</translation>
    </message>
    <message>
        <location filename="../backend.py" line="108"/>
        <source>loaded</source>
        <translation>loaded</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="189"/>
        <location filename="../write_jobs.py" line="96"/>
        <source>Importing %1 (%2 of %3)</source>
        <translation>Importing %1 (%2 of %3)</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="115"/>
        <source>%1: ... and %2 more problems</source>
        <translation>%1: ... and %2 more problems</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="121"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="146"/>
        <source>Generating the demo set</source>
        <translation>Generating the demo set</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="151"/>
        <source>Demo set: %1 new, %2 updated, %3 unchanged calls</source>
        <translation>Demo set: %1 new, %2 updated, %3 unchanged calls</translation>
    </message>
    <message>
        <location filename="../write_jobs.py" line="157"/>
        <source>Demo set cancelled, nothing written</source>
        <translation>Demo set cancelled, nothing written</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="213"/>
        <location filename="../write_jobs.py" line="172"/>
        <source>Preparing the model…</source>
        <translation>Preparing the model…</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="133"/>
        <source>Embedding calls</source>
        <translation>Embedding calls</translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="228"/>
        <location filename="../write_jobs.py" line="180"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="26"/>
        <location filename="../adapters.py" line="135"/>
        <source>Updating the keyword index</source>
        <translation>Updating the keyword index</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="34"/>
        <source>writing the file</source>
        <translation>writing the file</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="39"/>
        <source>calls/s</source>
        <translation>calls/s</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="52"/>
        <source>cancelled, nothing written</source>
        <translation>cancelled, nothing written</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="54"/>
        <location filename="../remote_adapters.py" line="82"/>
        <source>saved</source>
        <translation>saved</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="56"/>
        <location filename="../remote_adapters.py" line="84"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="60"/>
        <location filename="../remote_adapters.py" line="89"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>%1 new, %2 updated, %3 unchanged, %4 invalid</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="76"/>
        <source>chunks/s</source>
        <translation>chunks/s</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="87"/>
        <source>processor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="88"/>
        <location filename="../adapters.py" line="89"/>
        <source>graphics card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="92"/>
        <source>full precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="93"/>
        <location filename="../adapters.py" line="94"/>
        <source>half precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="95"/>
        <source>compressed (int8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="103"/>
        <source>Index: %1 new calls, %2 changed, %3 removed, %4 unchanged; %5 vectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="114"/>
        <source>Prepared for search by meaning: %1 of %2 calls (%3 chunks) in %4 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../adapters.py" line="121"/>
        <source>The offline embedder was used: the model is not available (see the log).</source>
        <translation>The offline embedder was used: the model is not available (see the log).</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="141"/>
        <source>Comparing the index with the store</source>
        <translation>Comparing the index with the store</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="142"/>
        <source>Removing old vectors</source>
        <translation>Removing old vectors</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="143"/>
        <source>Adding vectors</source>
        <translation>Adding vectors</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="144"/>
        <source>Building the index</source>
        <translation>Building the index</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="145"/>
        <source>Saving the index</source>
        <translation>Saving the index</translation>
    </message>
</context>
<context>
    <name>CallViewer</name>
    <message>
        <location filename="../call_viewer.py" line="66"/>
        <source>by meaning</source>
        <translation>by meaning</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="67"/>
        <source>by words</source>
        <translation>by words</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="68"/>
        <source>both</source>
        <translation>both</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="74"/>
        <source>Matched words are marked; the sentence closest in meaning is underlined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="82"/>
        <source>Previous matched turn (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="87"/>
        <source>Next matched turn (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="112"/>
        <source>Select a result to see the call.</source>
        <translation>Select a result to see the call.</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="146"/>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../charts.py" line="44"/>
        <source>No ratings yet</source>
        <translation>No ratings yet</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../remote_connect.py" line="42"/>
        <source>Connect to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="45"/>
        <source>Work on the call center&apos;s shared archive instead of this computer&apos;s own calls. The administrator gives you the address and your token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="58"/>
        <source>Remember the token in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="66"/>
        <source>Server address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="67"/>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="72"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="73"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="87"/>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_connect.py" line="89"/>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../error_texts.py" line="20"/>
        <source>The database is locked</source>
        <translation>The database is locked</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="20"/>
        <source>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</source>
        <translation>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="26"/>
        <source>The database is damaged</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="26"/>
        <source>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</source>
        <translation>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="30"/>
        <source>The database is from a newer version</source>
        <translation>The database is from a newer version</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="32"/>
        <source>Update CallCenter AI, or start it with another home folder (--home).</source>
        <translation>Update CallCenter AI, or start it with another home folder (--home).</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="34"/>
        <source>No calls yet</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="34"/>
        <source>Import files (File menu) or generate the demo set, then search again.</source>
        <translation>Import files (File menu) or generate the demo set, then search again.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="38"/>
        <source>No connection to the database server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="40"/>
        <source>Check that the server is running and the database_url setting is right, then start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="44"/>
        <source>The database cannot be used</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="44"/>
        <source>Check that the disk has free space and the folder is writable.</source>
        <translation>Check that the disk has free space and the folder is writable.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="48"/>
        <source>The index for search by meaning is not built yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="50"/>
        <source>The search index is damaged</source>
        <translation>The search index is damaged</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="50"/>
        <source>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</source>
        <translation>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="54"/>
        <source>The index was built by another model</source>
        <translation>The index was built by another model</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="56"/>
        <source>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</source>
        <translation>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="61"/>
        <source>The search index cannot be used</source>
        <translation>The search index cannot be used</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="61"/>
        <source>Rebuild it on the Indexing tab.</source>
        <translation>Rebuild it on the Indexing tab.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="65"/>
        <source>The embedding model is not available</source>
        <translation>The embedding model is not available</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="67"/>
        <source>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</source>
        <translation>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="73"/>
        <source>No connection to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="73"/>
        <source>Nothing was lost: the window goes on as soon as the server answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="77"/>
        <source>The server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="77"/>
        <source>Connect again with a valid token (File menu, «Connect to a server…»).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="81"/>
        <source>The file cannot be imported</source>
        <translation>The file cannot be imported</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="81"/>
        <source>Fix the lines listed below, or import with «Skip invalid records».</source>
        <translation>Fix the lines listed below, or import with «Skip invalid records».</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="85"/>
        <source>A setting is invalid</source>
        <translation>A setting is invalid</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="85"/>
        <source>Correct the value in settings.json or on the command line.</source>
        <translation>Correct the value in settings.json or on the command line.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="89"/>
        <source>Not found</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="89"/>
        <source>The call may have been deleted; search again.</source>
        <translation>The call may have been deleted; search again.</translation>
    </message>
    <message>
        <location filename="../error_texts.py" line="92"/>
        <source>The operation failed</source>
        <translation>The operation failed</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="56"/>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="63"/>
        <source>… and %1 more (see the details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <source>Hint: </source>
        <translation>Hint: </translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>Something went wrong inside CallCenter AI (a bug).</source>
        <translation>Something went wrong inside CallCenter AI (a bug).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="95"/>
        <source>The details are in the log panel. Please send them to the developers. You can keep working.</source>
        <translation>The details are in the log panel. Please send them to the developers. You can keep working.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="149"/>
        <source>Waiting for the database: another program is writing to it (up to %1 s)…</source>
        <translation>Waiting for the database: another program is writing to it (up to %1 s)…</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../field_words.py" line="18"/>
        <source>call id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="19"/>
        <source>date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="20"/>
        <source>duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="21"/>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="22"/>
        <source>topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="23"/>
        <source>channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="24"/>
        <source>direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="25"/>
        <source>outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="26"/>
        <source>client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="27"/>
        <source>turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="28"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="29"/>
        <source>who speaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="30"/>
        <source>start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="31"/>
        <source>end time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="32"/>
        <source>turn order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="33"/>
        <source>extra fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../field_words.py" line="43"/>
        <source>turn %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../filter_panel.py" line="58"/>
        <location filename="../filter_panel.py" line="82"/>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="60"/>
        <location filename="../filter_panel.py" line="84"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="89"/>
        <source>both sides</source>
        <translation>both sides</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="90"/>
        <source>client&apos;s words</source>
        <translation>client&apos;s words</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="91"/>
        <source>operator&apos;s words</source>
        <translation>operator&apos;s words</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="93"/>
        <source>Reset filters</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="105"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="114"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="131"/>
        <source>Tick the ones to keep; nothing ticked: all. The number is how many calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="105"/>
        <source>Duration, min</source>
        <translation>Duration, min</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="119"/>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="138"/>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="139"/>
        <source> min</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>IndexTab</name>
    <message>
        <location filename="../index_tab.py" line="33"/>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="34"/>
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="37"/>
        <source>Call transcripts in JSONL or CSV (the formats are described in the user guide)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="40"/>
        <source>Skip invalid records</source>
        <translation>Skip invalid records</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="42"/>
        <source>Generate demo set</source>
        <translation>Generate demo set</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="50"/>
        <source> calls</source>
        <translation> calls</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="58"/>
        <source>Search index</source>
        <translation>Search index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="59"/>
        <source>Build / update index</source>
        <translation>Build / update index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="61"/>
        <source>Embed the calls that are new or changed and update the index</source>
        <translation>Embed the calls that are new or changed and update the index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="63"/>
        <source>Rebuild index</source>
        <translation>Rebuild index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="66"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="70"/>
        <source>Stop the running job: indexing stops after the current batch and the next run continues from there; an import keeps the files already imported and undoes the file in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="140"/>
        <source>Update index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="140"/>
        <source>Build index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="143"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation type="unfinished">No calls yet: import files or generate the demo set.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="146"/>
        <source>Calls: %1. The index for search by meaning is not built yet: build it (search by words works already).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="150"/>
        <source>Calls: %1, in the index: %2. Update the index to search the other %3 by meaning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="156"/>
        <source>All %1 calls are in the index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="158"/>
        <source>Model: %1</source>
        <translation type="unfinished">Model: %1</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="93"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="94"/>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="95"/>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="96"/>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="97"/>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="117"/>
        <source>Results of imports and indexing appear here.</source>
        <translation>Results of imports and indexing appear here.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="122"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <location filename="../jobs_view.py" line="53"/>
        <source>Import calls</source>
        <translation>Import calls</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="62"/>
        <source>Importing %1 file(s)</source>
        <translation>Importing %1 file(s)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="72"/>
        <source>Generate the demo set?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="74"/>
        <source>The database already holds %1 calls. The demo set adds its calls and rewrites the demo calls made before (they then need indexing again). Your own calls are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="82"/>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="91"/>
        <source>Generating %1 demo calls</source>
        <translation>Generating %1 demo calls</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="97"/>
        <source>Rebuilding the index</source>
        <translation>Rebuilding the index</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="97"/>
        <source>Building the index</source>
        <translation type="unfinished">Building the index</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="108"/>
        <source>The index for search by meaning is being built; search by words works already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="113"/>
        <source>Search by meaning needs the index, which is not built yet. Search by words works already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="118"/>
        <source>%1 calls are not in the index yet: search by meaning does not see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="162"/>
        <source>The index for search by meaning is being built: %1 %. Search by words works already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="128"/>
        <source>Cancelling after the current batch…</source>
        <translation>Cancelling after the current batch…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="135"/>
        <source>Another job is running; wait or cancel it.</source>
        <translation>Another job is running; wait or cancel it.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="200"/>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="204"/>
        <source>Done: %1 of %2; the next run continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="210"/>
        <source>Search uses the previous index meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="214"/>
        <source>Failed.</source>
        <translation>Failed.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="216"/>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../log_panel.py" line="44"/>
        <source>Show debug messages</source>
        <translation>Show debug messages</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="45"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="51"/>
        <source>CallCenter AI — call search</source>
        <translation>CallCenter AI — call search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="71"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Indexing</source>
        <translation>Indexing</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="73"/>
        <source>Learning</source>
        <translation>Learning</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../main_window.py" line="75"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="29"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="30"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Import files…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="33"/>
        <source>&amp;Export results to CSV…</source>
        <translation>&amp;Export results to CSV…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="38"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="42"/>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="43"/>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="47"/>
        <source>Find &amp;similar calls</source>
        <translation>Find &amp;similar calls</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="51"/>
        <source>S&amp;ettings</source>
        <translation>S&amp;ettings</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="52"/>
        <source>&amp;Unload the model from memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="54"/>
        <source>Free the memory the embedding model holds; it loads again when needed.</source>
        <translation type="unfinished">Free the memory the embedding model holds; it loads again when needed.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="61"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="71"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="72"/>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="81"/>
        <source>Nothing to export: search first.</source>
        <translation>Nothing to export: search first.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="85"/>
        <source>Export results</source>
        <translation>Export results</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="87"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="97"/>
        <source>Choose another file or folder.</source>
        <translation>Choose another file or folder.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="101"/>
        <source>Saved %1 rows to %2</source>
        <translation>Saved %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="119"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="120"/>
        <source>The language changes when the app starts next time.</source>
        <translation>The language changes when the app starts next time.</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="129"/>
        <source>About CallCenter AI</source>
        <translation>About CallCenter AI</translation>
    </message>
    <message>
        <location filename="../window_menus.py" line="130"/>
        <source>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</source>
        <translation>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</translation>
    </message>
</context>
<context>
    <name>Remote</name>
    <message>
        <location filename="../remote_backend.py" line="109"/>
        <source>on the server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_backend.py" line="196"/>
        <source>Imported on the server: %1 new calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteSession</name>
    <message>
        <location filename="../remote_session.py" line="59"/>
        <source>Connect to a &amp;server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="61"/>
        <source>&amp;Disconnect from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="71"/>
        <location filename="../remote_session.py" line="176"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="118"/>
        <source>Wait for the running job to finish (or cancel it), then connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="184"/>
        <source>Server: %1 — connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="245"/>
        <source>Server: %1 — no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="248"/>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_session.py" line="249"/>
        <source>Searches, calls, ratings and analytics come from this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_roles.py" line="24"/>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../remote_roles.py" line="25"/>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../results_model.py" line="84"/>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="85"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="86"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="87"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="88"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="89"/>
        <source>Snippet</source>
        <translation>Snippet</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="141"/>
        <source>Close in meaning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="143"/>
        <source>Share of the query&apos;s words found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="146"/>
        <source>Ranking score: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="151"/>
        <source>Order learned from operators&apos; ratings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="156"/>
        <source>More likely unrelated than related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="160"/>
        <source>You rated it: useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../results_model.py" line="162"/>
        <source>You rated it: not useful</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <location filename="../search_controller.py" line="74"/>
        <source>Type what to look for.</source>
        <translation type="unfinished">Type what to look for.</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="83"/>
        <location filename="../search_controller.py" line="119"/>
        <location filename="../search_controller.py" line="143"/>
        <source>Calls similar to %1</source>
        <translation type="unfinished">Calls similar to %1</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="86"/>
        <location filename="../search_controller.py" line="126"/>
        <source>Searching: %1</source>
        <translation type="unfinished">Searching: %1</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="135"/>
        <source>Select a call first.</source>
        <translation type="unfinished">Select a call first.</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="183"/>
        <source>failed</source>
        <translation type="unfinished">failed</translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="215"/>
        <source>Saved: useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_controller.py" line="215"/>
        <source>Saved: not useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="21"/>
        <source>the date «from» is after the date «to»: no call can match; correct the dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="25"/>
        <source>the duration «from» is longer than «to»: no call can match; correct the duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="37"/>
        <source>nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="39"/>
        <source>nothing close found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="43"/>
        <location filename="../result_summary.py" line="49"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../result_summary.py" line="52"/>
        <source>shown %1, there are more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../search_tab.py" line="45"/>
        <source>What are you looking for? E.g. charged twice for one purchase</source>
        <translation>What are you looking for? E.g. charged twice for one purchase</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="171"/>
        <source>top </source>
        <translation>top </translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="172"/>
        <source>How many calls to show at once; «More» shows the next ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="30"/>
        <source>semantic</source>
        <translation>semantic</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="31"/>
        <source>by words</source>
        <translation>by words</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="32"/>
        <source>hybrid</source>
        <translation>hybrid</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="34"/>
        <source>By meaning: calls about the same thing in other words.
By words: calls holding the query&apos;s words in any form; &quot;exact phrase&quot;, -exclude, OR between alternatives.
Hybrid: both lists merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="109"/>
        <source>✓ Useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="114"/>
        <source>✗ Not useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="52"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>Find similar</source>
        <translation>Find similar</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>Calls similar to the selected one</source>
        <translation>Calls similar to the selected one</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Save the shown results to a CSV file (Ctrl+E)</source>
        <translation>Save the shown results to a CSV file (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="50"/>
        <source>Previous search (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="54"/>
        <source>Next search (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="77"/>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="67"/>
        <source>Build index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="96"/>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="96"/>
        <source>Show the next calls of this search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="100"/>
        <source>Calls the search judges more likely unrelated than related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="105"/>
        <source>The call these results are similar to: click to show it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="112"/>
        <source>This call answers the query (Ctrl+1): ratings improve the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="81"/>
        <source>Show the filters (date, operator, topic, channel, outcome, duration, side); hidden filters are off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="91"/>
        <source>Describe what you are looking for in your own words and press Enter; «Filters» narrow it down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="170"/>
        <source>off: all calls are searched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="174"/>
        <source>on: %1 set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="174"/>
        <source>on: nothing set yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="185"/>
        <source>Hide less similar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="187"/>
        <source>Show less similar (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="243"/>
        <source>Similar to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="116"/>
        <source>This call does not answer the query (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../search_widgets.py" line="123"/>
        <source>Is this result useful?</source>
        <translation>Is this result useful?</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../stats_tab.py" line="61"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="65"/>
        <location filename="../stats_tab.py" line="137"/>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="68"/>
        <source>Ratings recorded</source>
        <translation>Ratings recorded</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="69"/>
        <source>Rated query–call pairs</source>
        <translation>Rated query–call pairs</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="70"/>
        <source>Rated relevant</source>
        <translation>Rated relevant</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="71"/>
        <source>Precision of served results</source>
        <translation>Precision of served results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="72"/>
        <source>Re-ranking from ratings</source>
        <translation>Re-ranking from ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="73"/>
        <source>Gain on held-out ratings</source>
        <translation>Gain on held-out ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="80"/>
        <source>Precision of served results over time</source>
        <translation>Precision of served results over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="82"/>
        <source>Precision: plain vs re-ranked results</source>
        <translation>Precision: plain vs re-ranked results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="84"/>
        <source>Rated relevant by topic</source>
        <translation>Rated relevant by topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="86"/>
        <source>Rated relevant, by who rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="97"/>
        <source>Who rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="96"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="98"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="104"/>
        <source>By who rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="137"/>
        <source>Rated useful</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="166"/>
        <source>Precision@%1 of served results over time</source>
        <translation>Precision@%1 of served results over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>Precision@%1: plain vs re-ranked results</source>
        <translation>Precision@%1: plain vs re-ranked results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="170"/>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="181"/>
        <source>plain</source>
        <translation>plain</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="181"/>
        <source>re-ranked</source>
        <translation>re-ranked</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="197"/>
        <source>R-precision %1 → %2 on %3 held-out queries</source>
        <translation>R-precision %1 → %2 on %3 held-out queries</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="103"/>
        <source>By topic</source>
        <translation>By topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="105"/>
        <source>Over time</source>
        <translation>Over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="137"/>
        <source>Precision</source>
        <translation>Precision</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="155"/>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="158"/>
        <source>off until %1 ratings (now %2)</source>
        <translation>off until %1 ratings (now %2)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="49"/>
        <location filename="../status_bar.py" line="103"/>
        <source>Model: %1</source>
        <translation>Model: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="49"/>
        <location filename="../status_bar.py" line="103"/>
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="57"/>
        <source>Calls: %1</source>
        <translation>Calls: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="59"/>
        <source>indexed: %1</source>
        <translation>indexed: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="71"/>
        <source>RAM: app %1 MB, free %2 of %3 GB</source>
        <translation>RAM: app %1 MB, free %2 of %3 GB</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="80"/>
        <location filename="../status_bar.py" line="91"/>
        <source>GPU: none</source>
        <translation>GPU: none</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="94"/>
        <source>GPU: %1 of %2 GB used</source>
        <translation>GPU: %1 of %2 GB used</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="103"/>
        <source>loaded</source>
        <translation type="unfinished">loaded</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../welcome.py" line="15"/>
        <source>No calls yet</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="19"/>
        <source>Generate a demo set of Russian call-center dialogs to try the search, or import your own transcripts (JSONL or CSV).</source>
        <translation>Generate a demo set of Russian call-center dialogs to try the search, or import your own transcripts (JSONL or CSV).</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="26"/>
        <source>Generate demo set</source>
        <translation>Generate demo set</translation>
    </message>
    <message>
        <location filename="../welcome.py" line="29"/>
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
</context>
</TS>
