<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>BatchDialog</name>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="157" />
        <source>… and %n more</source>
        <translation><numerusform>… and %n more</numerusform><numerusform>… and %n more</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="159" />
        <source>Preview — %n job(s)</source>
        <translation><numerusform>Preview — %n job</numerusform><numerusform>Preview — %n jobs</numerusform></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <location filename="../../src/app/historydialog.cpp" line="111" />
        <source>%n job(s) shown · kept output takes %1</source>
        <translation><numerusform>%n job shown · kept output takes %1</numerusform><numerusform>%n jobs shown · kept output takes %1</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="377" />
        <source>Kill %n running job(s) with their process trees</source>
        <translation><numerusform>Kill %n running job with its process tree</numerusform><numerusform>Kill %n running jobs with their process trees</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="377" />
        <source> and cancel %n queued.</source>
        <translation><numerusform> and cancel %n queued.</numerusform><numerusform> and cancel %n queued.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="420" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>Exported %n job to %1</numerusform><numerusform>Exported %n jobs to %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="464" />
        <source>Running %n job(s) from %1</source>
        <translation><numerusform>Running %n job from %1</numerusform><numerusform>Running %n jobs from %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="483" />
        <source>Saved %n job(s) to %1</source>
        <translation><numerusform>Saved %n job to %1</numerusform><numerusform>Saved %n jobs to %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="517" />
        <source>%n job(s) are still running or queued. Quitting kills them with their process trees.</source>
        <translation><numerusform>%n job is still running or queued. Quitting kills it with its process tree.</numerusform><numerusform>%n jobs are still running or queued. Quitting kills them with their process trees.</numerusform></translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message numerus="yes">
        <location filename="../../src/app/outputview.cpp" line="243" />
        <source>%1 — %2, %n line(s)</source>
        <translation><numerusform>%1 — %2, %n line</numerusform><numerusform>%1 — %2, %n lines</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message numerus="yes">
        <location filename="../../src/app/statussummary.cpp" line="43" />
        <source>%n job(s) · %1 s of work in %2 s (×%3)</source>
        <extracomment>a batch's figures: jobs, total job time, wall time and the speed-up of running them in parallel</extracomment>
        <translation><numerusform>%n job · %1 s of work in %2 s (×%3)</numerusform><numerusform>%n jobs · %1 s of work in %2 s (×%3)</numerusform></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message numerus="yes">
        <location filename="../../src/app/usagechart.cpp" line="81" />
        <source>CPU %1 % · %2 s in all · %n process(es)</source>
        <translation><numerusform>CPU %1 % · %2 s in all · %n process</numerusform><numerusform>CPU %1 % · %2 s in all · %n processes</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::JobTableModel</name>
    <message numerus="yes">
        <location filename="../../src/core/jobtablemodel.cpp" line="140" />
        <source>%1 · %n line(s)</source>
        <translation><numerusform>%1 · %n line</numerusform><numerusform>%1 · %n lines</numerusform></translation>
    </message>
</context>
</TS>