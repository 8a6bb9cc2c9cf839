<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>procdeck::JobTableModel</name>
    <message numerus="yes">
        <source>%1 · %n line(s)</source>
        <translation>
            <numerusform>%1 · %n line</numerusform>
            <numerusform>%1 · %n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchDialog</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preview — %n job(s)</source>
        <translation>
            <numerusform>Preview — %n job</numerusform>
            <numerusform>Preview — %n jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchFileActions</name>
    <message numerus="yes">
        <source>Running %n job(s) from %1</source>
        <translation>
            <numerusform>Running %n job from %1</numerusform>
            <numerusform>Running %n jobs from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n job(s) to %1</source>
        <translation>
            <numerusform>Saved %n job to %1</numerusform>
            <numerusform>Saved %n jobs to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::ExportActions</name>
    <message numerus="yes">
        <source>Exported %n job(s) to %1</source>
        <translation>
            <numerusform>Exported %n job to %1</numerusform>
            <numerusform>Exported %n jobs to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::HistoryDialog</name>
    <message numerus="yes">
        <source>%n job(s) shown · kept output takes %1</source>
        <translation>
            <numerusform>%n job shown · kept output takes %1</numerusform>
            <numerusform>%n jobs shown · kept output takes %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::JobActions</name>
    <message numerus="yes">
        <source>Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).</source>
        <translation>
            <numerusform>Kill %n running job with its process tree (SIGTERM, then SIGKILL after the grace period).</numerusform>
            <numerusform>Kill %n running jobs with their process trees (SIGTERM, then SIGKILL after the grace period).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n queued job(s).</source>
        <translation>
            <numerusform>Cancel %n queued job.</numerusform>
            <numerusform>Cancel %n queued jobs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n ended job(s)</source>
        <translation>
            <numerusform>Removed %n ended job</numerusform>
            <numerusform>Removed %n ended jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n of them failed, killed or cancelled.</source>
        <translation>
            <numerusform>, %n of them failed, was killed or cancelled.</numerusform>
            <numerusform>, %n of them failed, were killed or cancelled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::Notifier</name>
    <message numerus="yes">
        <source>Batch ended: %n job(s) failed</source>
        <translation>
            <numerusform>Batch ended: %n job failed</numerusform>
            <numerusform>Batch ended: %n jobs failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch done: all %n job(s) succeeded</source>
        <translation>
            <numerusform>Batch done: the job succeeded</numerusform>
            <numerusform>Batch done: all %n jobs succeeded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) · %1 s of work in %2 s</source>
        <translation>
            <numerusform>%n job · %1 s of work in %2 s</numerusform>
            <numerusform>%n jobs · %1 s of work in %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::OutputView</name>
    <message numerus="yes">
        <source>%1 — %2, %n line(s)</source>
        <translation>
            <numerusform>%1 — %2, %n line</numerusform>
            <numerusform>%1 — %2, %n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::QuitController</name>
    <message numerus="yes">
        <source>Killing %n job(s) with SIGKILL…</source>
        <translation>
            <numerusform>Killing %n job with SIGKILL…</numerusform>
            <numerusform>Killing %n jobs with SIGKILL…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping %n job(s)… SIGKILL in %1 s</source>
        <extracomment>%1 is a count of seconds; the job count is in %n</extracomment>
        <translation>
            <numerusform>Stopping %n job… SIGKILL in %1 s</numerusform>
            <numerusform>Stopping %n jobs… SIGKILL in %1 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) are still running.</source>
        <translation>
            <numerusform>%n job is still running.</numerusform>
            <numerusform>%n jobs are still running.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued job(s) will not start.</source>
        <translation>
            <numerusform>%n queued job will not start.</numerusform>
            <numerusform>%n queued jobs will not start.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::StatusSummary</name>
    <message numerus="yes">
        <source>%n job(s) · %1 s of work in %2 s (×%3)</source>
        <extracomment>a batch&apos;s figures: jobs, total job time, wall time and the speed-up of running them in parallel</extracomment>
        <translation>
            <numerusform>%n job · %1 s of work in %2 s (×%3)</numerusform>
            <numerusform>%n jobs · %1 s of work in %2 s (×%3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::UsageChart</name>
    <message numerus="yes">
        <source>CPU %1 % · %2 s in all · %n process(es)</source>
        <translation>
            <numerusform>CPU %1 % · %2 s in all · %n process</numerusform>
            <numerusform>CPU %1 % · %2 s in all · %n processes</numerusform>
        </translation>
    </message>
</context>
</TS>
