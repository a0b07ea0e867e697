<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Backend</name>
    <message>
        <location filename="../job_records.py" line="37"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation>No calls yet: import files or generate the demo set.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="39"/>
        <source>Calls: %1, embedded by %2: %3.</source>
        <translation>Calls: %1, embedded by %2: %3.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="45"/>
        <source>No semantic index yet: only keyword search works.</source>
        <translation>No semantic index yet: only keyword search works.</translation>
    </message>
    <message>
        <location filename="../job_records.py" line="47"/>
        <source>Build the index to make the other %1 searchable by meaning.</source>
        <translation>Build the index to make the other %1 searchable by meaning.</translation>
    </message>
    <message>
        <location filename="../backend.py" line="97"/>
        <location filename="../backend.py" line="104"/>
        <location filename="../backend.py" line="113"/>
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../backend.py" line="107"/>
        <source>offline %1, %2</source>
        <translation>offline %1, %2</translation>
    </message>
    <message>
        <location filename="../backend.py" line="114"/>
        <source>loading</source>
        <translation>loading</translation>
    </message>
    <message>
        <location filename="../backend.py" line="102"/>
        <source>loaded</source>
        <translation>loaded</translation>
    </message>
    <message>
        <location filename="../backend.py" line="294"/>
        <source>Importing %1 (%2 of %3)</source>
        <translation>Importing %1 (%2 of %3)</translation>
    </message>
    <message>
        <location filename="../backend.py" line="313"/>
        <source>%1: ... and %2 more problems</source>
        <translation>%1: ... and %2 more problems</translation>
    </message>
    <message>
        <location filename="../backend.py" line="319"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>Imported: %1 new, %2 updated, %3 unchanged, %4 invalid</translation>
    </message>
    <message>
        <location filename="../backend.py" line="339"/>
        <source>Generating the demo set</source>
        <translation>Generating the demo set</translation>
    </message>
    <message>
        <location filename="../backend.py" line="353"/>
        <source>Demo set: %1 new, %2 updated, %3 unchanged calls</source>
        <translation>Demo set: %1 new, %2 updated, %3 unchanged calls</translation>
    </message>
    <message>
        <location filename="../backend.py" line="359"/>
        <source>Demo set cancelled, nothing written</source>
        <translation>Demo set cancelled, nothing written</translation>
    </message>
    <message>
        <location filename="../backend.py" line="376"/>
        <source>Preparing the model…</source>
        <translation>Preparing the model…</translation>
    </message>
    <message>
        <location filename="../backend.py" line="379"/>
        <source>Embedding calls</source>
        <translation>Embedding calls</translation>
    </message>
    <message>
        <location filename="../backend.py" line="383"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../backend.py" line="396"/>
        <source>Index: %1 calls added, %2 removed, %3 unchanged; %4 vectors.</source>
        <translation>Index: %1 calls added, %2 removed, %3 unchanged; %4 vectors.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="42"/>
        <source>Updating the keyword index</source>
        <translation>Updating the keyword index</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="50"/>
        <source>writing the file</source>
        <translation>writing the file</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="55"/>
        <source>calls/s</source>
        <translation>calls/s</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="68"/>
        <source>cancelled, nothing written</source>
        <translation>cancelled, nothing written</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="70"/>
        <source>saved</source>
        <translation>saved</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="72"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="76"/>
        <source>%1 new, %2 updated, %3 unchanged, %4 invalid</source>
        <translation>%1 new, %2 updated, %3 unchanged, %4 invalid</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="92"/>
        <source>chunks/s</source>
        <translation>chunks/s</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="101"/>
        <source>Embedded: %1 of %2 calls (%3 chunks) in %4 s with %5.</source>
        <translation>Embedded: %1 of %2 calls (%3 chunks) in %4 s with %5.</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="109"/>
        <source>The offline embedder was used: the model is not available (see the log).</source>
        <translation>The offline embedder was used: the model is not available (see the log).</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="120"/>
        <source>no semantic index yet: keyword search only</source>
        <translation>no semantic index yet: keyword search only</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="124"/>
        <source>no index of the model; using the offline embedder&apos;s index %1</source>
        <translation>no index of the model; using the offline embedder&apos;s index %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="126"/>
        <source>semantic part skipped: %1</source>
        <translation>semantic part skipped: %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="129"/>
        <source>call %1 has no vectors yet: similarity by words only</source>
        <translation>call %1 has no vectors yet: similarity by words only</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="131"/>
        <source>keyword index not updated: %1</source>
        <translation>keyword index not updated: %1</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="142"/>
        <source>Comparing the index with the store</source>
        <translation>Comparing the index with the store</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="143"/>
        <source>Removing old vectors</source>
        <translation>Removing old vectors</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="144"/>
        <source>Adding vectors</source>
        <translation>Adding vectors</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="145"/>
        <source>Building the index</source>
        <translation>Building the index</translation>
    </message>
    <message>
        <location filename="../adapters.py" line="146"/>
        <source>Saving the index</source>
        <translation>Saving the index</translation>
    </message>
</context>
<context>
    <name>CallViewer</name>
    <message>
        <location filename="../call_viewer.py" line="36"/>
        <source>by meaning</source>
        <translation>by meaning</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="37"/>
        <source>by words</source>
        <translation>by words</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="38"/>
        <source>both</source>
        <translation>both</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="59"/>
        <source>Select a result to see the call.</source>
        <translation>Select a result to see the call.</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../call_viewer.py" line="77"/>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../charts.py" line="38"/>
        <source>No ratings yet</source>
        <translation>No ratings yet</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs.py" line="36"/>
        <source>The database is locked</source>
        <translation>The database is locked</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="36"/>
        <source>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</source>
        <translation>Another CallCenter AI window or job is writing to the database. Wait for it to finish or close it, then try again.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="42"/>
        <source>The database is damaged</source>
        <translation>The database is damaged</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="42"/>
        <source>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</source>
        <translation>Restore data/callcenter.db from a backup, or move the file away and import the calls again.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="46"/>
        <source>The database is from a newer version</source>
        <translation>The database is from a newer version</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="48"/>
        <source>Update CallCenter AI, or start it with another home folder (--home).</source>
        <translation>Update CallCenter AI, or start it with another home folder (--home).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50"/>
        <source>No calls yet</source>
        <translation>No calls yet</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="50"/>
        <source>Import files (File menu) or generate the demo set, then search again.</source>
        <translation>Import files (File menu) or generate the demo set, then search again.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54"/>
        <source>The database cannot be used</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54"/>
        <source>Check that the disk has free space and the folder is writable.</source>
        <translation>Check that the disk has free space and the folder is writable.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="58"/>
        <source>The search index is damaged</source>
        <translation>The search index is damaged</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="58"/>
        <source>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</source>
        <translation>Rebuild it on the Indexing tab («Rebuild index»). Keyword search works meanwhile.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="62"/>
        <source>The index was built by another model</source>
        <translation>The index was built by another model</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="64"/>
        <source>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</source>
        <translation>Rebuild the index for the current model on the Indexing tab, or set the model back in the settings.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="69"/>
        <source>The search index cannot be used</source>
        <translation>The search index cannot be used</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="69"/>
        <source>Rebuild it on the Indexing tab.</source>
        <translation>Rebuild it on the Indexing tab.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <source>The embedding model is not available</source>
        <translation>The embedding model is not available</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="75"/>
        <source>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</source>
        <translation>The first start downloads the model from the internet: check the connection, or set a local model folder in the settings (option model). Keyword search works without the model.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="81"/>
        <source>The file cannot be imported</source>
        <translation>The file cannot be imported</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="81"/>
        <source>Fix the lines listed below, or import with «Skip invalid records».</source>
        <translation>Fix the lines listed below, or import with «Skip invalid records».</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>A setting is invalid</source>
        <translation>A setting is invalid</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>Correct the value in settings.json or on the command line.</source>
        <translation>Correct the value in settings.json or on the command line.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>Not found</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="89"/>
        <source>The call may have been deleted; search again.</source>
        <translation>The call may have been deleted; search again.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="92"/>
        <source>The operation failed</source>
        <translation>The operation failed</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="133"/>
        <source>Hint: </source>
        <translation>Hint: </translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="143"/>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="147"/>
        <source>Something went wrong inside CallCenter AI (a bug).</source>
        <translation>Something went wrong inside CallCenter AI (a bug).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="153"/>
        <source>The details are in the log panel. Please send them to the developers. You can keep working.</source>
        <translation>The details are in the log panel. Please send them to the developers. You can keep working.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="198"/>
        <source>Waiting for the database: another program is writing to it (up to %1 s)…</source>
        <translation>Waiting for the database: another program is writing to it (up to %1 s)…</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../filter_panel.py" line="47"/>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="49"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="75"/>
        <source>both sides</source>
        <translation>both sides</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="76"/>
        <source>client&apos;s words</source>
        <translation>client&apos;s words</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="77"/>
        <source>operator&apos;s words</source>
        <translation>operator&apos;s words</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="79"/>
        <source>Reset filters</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="83"/>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="84"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="85"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="86"/>
        <source>Duration, min</source>
        <translation>Duration, min</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="87"/>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="97"/>
        <source>Nothing selected: all</source>
        <translation>Nothing selected: all</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="103"/>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../filter_panel.py" line="104"/>
        <source> min</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>IndexTab</name>
    <message>
        <location filename="../index_tab.py" line="41"/>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="42"/>
        <source>Import files…</source>
        <translation>Import files…</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="44"/>
        <source>JSONL or CSV transcripts; see docs/IMPORT_FORMATS.md</source>
        <translation>JSONL or CSV transcripts; see docs/IMPORT_FORMATS.md</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="46"/>
        <source>Skip invalid records</source>
        <translation>Skip invalid records</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="48"/>
        <source>Generate demo set</source>
        <translation>Generate demo set</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="56"/>
        <source> calls</source>
        <translation> calls</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="64"/>
        <source>Search index</source>
        <translation>Search index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="65"/>
        <source>Build / update index</source>
        <translation>Build / update index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="67"/>
        <source>Embed the calls that are new or changed and update the index</source>
        <translation>Embed the calls that are new or changed and update the index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="69"/>
        <source>Rebuild index</source>
        <translation>Rebuild index</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="72"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="74"/>
        <source>Stop after the current batch; the previous index stays as it was</source>
        <translation>Stop after the current batch; the previous index stays as it was</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="94"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="95"/>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="96"/>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="97"/>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="98"/>
        <source>Batch size</source>
        <translation>Batch size</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="118"/>
        <source>Results of imports and indexing appear here.</source>
        <translation>Results of imports and indexing appear here.</translation>
    </message>
    <message>
        <location filename="../index_tab.py" line="123"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>JobsController</name>
    <message>
        <location filename="../jobs_view.py" line="41"/>
        <source>Import calls</source>
        <translation>Import calls</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="43"/>
        <source>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Transcripts (*.jsonl *.json *.csv *.tsv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="50"/>
        <source>Importing %1 file(s)</source>
        <translation>Importing %1 file(s)</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="55"/>
        <source>Generating %1 demo calls</source>
        <translation>Generating %1 demo calls</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="59"/>
        <source>Rebuilding the index</source>
        <translation>Rebuilding the index</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="59"/>
        <source>Updating the index</source>
        <translation>Updating the index</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="64"/>
        <source>Cancelling after the current batch…</source>
        <translation>Cancelling after the current batch…</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="71"/>
        <source>Another job is running; wait or cancel it.</source>
        <translation>Another job is running; wait or cancel it.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="111"/>
        <source>Cancelled; the previous index is kept.</source>
        <translation>Cancelled; the previous index is kept.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="112"/>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="120"/>
        <source>Failed.</source>
        <translation>Failed.</translation>
    </message>
    <message>
        <location filename="../jobs_view.py" line="122"/>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../log_panel.py" line="46"/>
        <source>Show debug messages</source>
        <translation>Show debug messages</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="47"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="50"/>
        <source>CallCenter AI — call search</source>
        <translation>CallCenter AI — call search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="69"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="70"/>
        <source>Indexing</source>
        <translation>Indexing</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="71"/>
        <source>Learning</source>
        <translation>Learning</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="87"/>
        <source>&amp;Import files…</source>
        <translation>&amp;Import files…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <source>&amp;Export results to CSV…</source>
        <translation>&amp;Export results to CSV…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="104"/>
        <source>Find &amp;similar calls</source>
        <translation>Find &amp;similar calls</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="108"/>
        <source>S&amp;ettings</source>
        <translation>S&amp;ettings</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="109"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>No calls yet: import files or generate the demo set.</source>
        <translation>No calls yet: import files or generate the demo set.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>Type what to look for.</source>
        <translation>Type what to look for.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Searching: %1</source>
        <translation>Searching: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="219"/>
        <source>Select a call first.</source>
        <translation>Select a call first.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222"/>
        <source>Calls similar to %1</source>
        <translation>Calls similar to %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <source>found: %1</source>
        <translation>found: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="245"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>Saved: relevant</source>
        <translation>Saved: relevant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>Saved: not relevant</source>
        <translation>Saved: not relevant</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="295"/>
        <source>Nothing to export: search first.</source>
        <translation>Nothing to export: search first.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Export results</source>
        <translation>Export results</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="307"/>
        <source>Choose another file or folder.</source>
        <translation>Choose another file or folder.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="310"/>
        <source>Saved %1 rows to %2</source>
        <translation>Saved %1 rows to %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="340"/>
        <source>The language changes when the app starts next time.</source>
        <translation>The language changes when the app starts next time.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="348"/>
        <source>About CallCenter AI</source>
        <translation>About CallCenter AI</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="349"/>
        <source>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</source>
        <translation>CallCenter AI %1
Search and analytics over call-center transcripts.
Data folder: %2</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../results_model.py" line="73"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="74"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="75"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="76"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="77"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="78"/>
        <source>Snippet</source>
        <translation>Snippet</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="121"/>
        <source>Plain ranking (re-ranking from ratings is off)</source>
        <translation>Plain ranking (re-ranking from ratings is off)</translation>
    </message>
    <message>
        <location filename="../results_model.py" line="124"/>
        <source>Re-ranked from ratings: learned score %1, search score %2</source>
        <translation>Re-ranked from ratings: learned score %1, search score %2</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../search_tab.py" line="43"/>
        <source>What are you looking for? E.g. charged twice for one purchase</source>
        <translation>What are you looking for? E.g. charged twice for one purchase</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="52"/>
        <source>top </source>
        <translation>top </translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="55"/>
        <source>semantic</source>
        <translation>semantic</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="56"/>
        <source>by words</source>
        <translation>by words</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="57"/>
        <source>hybrid</source>
        <translation>hybrid</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="59"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="62"/>
        <source>Find similar</source>
        <translation>Find similar</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="64"/>
        <source>Calls similar to the selected one</source>
        <translation>Calls similar to the selected one</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="66"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="68"/>
        <source>Save the shown results to a CSV file (Ctrl+E)</source>
        <translation>Save the shown results to a CSV file (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="79"/>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="106"/>
        <source>✓ Relevant</source>
        <translation>✓ Relevant</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="108"/>
        <source>This call answers the query: ratings improve the ranking</source>
        <translation>This call answers the query: ratings improve the ranking</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="110"/>
        <source>✗ Not relevant</source>
        <translation>✗ Not relevant</translation>
    </message>
    <message>
        <location filename="../search_tab.py" line="116"/>
        <source>Is this result useful?</source>
        <translation>Is this result useful?</translation>
    </message>
</context>
<context>
    <name>StatsTab</name>
    <message>
        <location filename="../stats_tab.py" line="58"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="62"/>
        <location filename="../stats_tab.py" line="126"/>
        <source>Ratings</source>
        <translation>Ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="65"/>
        <source>Ratings recorded</source>
        <translation>Ratings recorded</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="66"/>
        <source>Rated query–call pairs</source>
        <translation>Rated query–call pairs</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="67"/>
        <source>Rated relevant</source>
        <translation>Rated relevant</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="68"/>
        <source>Precision of served results</source>
        <translation>Precision of served results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="69"/>
        <source>Re-ranking from ratings</source>
        <translation>Re-ranking from ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="70"/>
        <source>Gain on held-out ratings</source>
        <translation>Gain on held-out ratings</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="77"/>
        <source>Precision of served results over time</source>
        <translation>Precision of served results over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="79"/>
        <source>Precision: plain vs re-ranked results</source>
        <translation>Precision: plain vs re-ranked results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="81"/>
        <source>Rated relevant by topic</source>
        <translation>Rated relevant by topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="83"/>
        <source>Rated relevant by operator</source>
        <translation>Rated relevant by operator</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="93"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="94"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="95"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="153"/>
        <source>Precision@%1 of served results over time</source>
        <translation>Precision@%1 of served results over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="155"/>
        <source>Precision@%1: plain vs re-ranked results</source>
        <translation>Precision@%1: plain vs re-ranked results</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="157"/>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>plain</source>
        <translation>plain</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="168"/>
        <source>re-ranked</source>
        <translation>re-ranked</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="184"/>
        <source>R-precision %1 → %2 on %3 held-out queries</source>
        <translation>R-precision %1 → %2 on %3 held-out queries</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="100"/>
        <source>By topic</source>
        <translation>By topic</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="101"/>
        <source>By operator</source>
        <translation>By operator</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="102"/>
        <source>Over time</source>
        <translation>Over time</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="126"/>
        <source>Relevant</source>
        <translation>Relevant</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="126"/>
        <source>Precision</source>
        <translation>Precision</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="142"/>
        <source>on</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../stats_tab.py" line="145"/>
        <source>off until %1 ratings (now %2)</source>
        <translation>off until %1 ratings (now %2)</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="39"/>
        <source>Unload model</source>
        <translation>Unload model</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="41"/>
        <source>Free the memory the embedding model holds; it loads again when needed.</source>
        <translation>Free the memory the embedding model holds; it loads again when needed.</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="52"/>
        <location filename="../status_bar.py" line="104"/>
        <source>Model: %1</source>
        <translation>Model: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="52"/>
        <source>not loaded</source>
        <translation>not loaded</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="60"/>
        <source>Calls: %1</source>
        <translation>Calls: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="62"/>
        <source>indexed: %1</source>
        <translation>indexed: %1</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="74"/>
        <source>RAM: app %1 MB, free %2 of %3 GB</source>
        <translation>RAM: app %1 MB, free %2 of %3 GB</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="83"/>
        <location filename="../status_bar.py" line="94"/>
        <source>GPU: none</source>
        <translation>GPU: none</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="97"/>
        <source>GPU: %1 of %2 GB used</source>
        <translation>GPU: %1 of %2 GB used</translation>
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
