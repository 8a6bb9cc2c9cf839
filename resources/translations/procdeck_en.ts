<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>EndNotices</name>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/endnotices.cpp" line="25" />
        <source>Batch ended: %n job(s) failed</source>
        <translation><numerusform>Batch ended: %n job failed</numerusform><numerusform>Batch ended: %n jobs failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/endnotices.cpp" line="26" />
        <source>Batch done: all %n job(s) succeeded</source>
        <translation><numerusform>Batch done: the job succeeded</numerusform><numerusform>Batch done: all %n jobs succeeded</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/endnotices.cpp" line="27" />
        <source>%n job(s) · %1 s of work in %2 s</source>
        <translation><numerusform>%n job · %1 s of work in %2 s</numerusform><numerusform>%n jobs · %1 s of work in %2 s</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::HaltPolicy</name>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="140" />
        <source>stop everything after %n failure(s)</source>
        <translation>
            <numerusform>stop everything after %n failure</numerusform>
            <numerusform>stop everything after %n failures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="141" />
        <source>start no more jobs after %n failure(s)</source>
        <translation>
            <numerusform>start no more jobs after %n failure</numerusform>
            <numerusform>start no more jobs after %n failures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="142" />
        <source>stop everything after %n success(es)</source>
        <translation>
            <numerusform>stop everything after %n success</numerusform>
            <numerusform>stop everything after %n successes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="143" />
        <source>start no more jobs after %n success(es)</source>
        <translation>
            <numerusform>start no more jobs after %n success</numerusform>
            <numerusform>start no more jobs after %n successes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="144" />
        <source>stop everything after %n job(s) ended</source>
        <translation>
            <numerusform>stop everything after %n job ended</numerusform>
            <numerusform>stop everything after %n jobs ended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="145" />
        <source>start no more jobs after %n job(s) ended</source>
        <translation>
            <numerusform>start no more jobs after %n job ended</numerusform>
            <numerusform>start no more jobs after %n jobs ended</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="170" />
        <source>%n job(s) failed</source>
        <translation>
            <numerusform>%n job failed</numerusform>
            <numerusform>%n jobs failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="174" />
        <source>%n job(s) succeeded</source>
        <translation>
            <numerusform>%n job succeeded</numerusform>
            <numerusform>%n jobs succeeded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/scheduling/haltpolicy.cpp" line="178" />
        <source>%n job(s) ended</source>
        <translation>
            <numerusform>%n job ended</numerusform>
            <numerusform>%n jobs ended</numerusform>
        </translation>
    </message>
    </context>
<context>
    <name>procdeck::JobTableModel</name>
    <message numerus="yes">
        <location filename="../../src/core/models/jobtablemodel.cpp" line="202" />
        <source>%1 · %n line(s)</source>
        <translation><numerusform>%1 · %n line</numerusform><numerusform>%1 · %n lines</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobidle.cpp" line="58" />
        <source>all %n processes %1</source>
        <translation><numerusform>all %n processes %1</numerusform><numerusform>all %n processes %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobidle.cpp" line="71" />
        <source>%n %1</source>
        <extracomment>how many processes wait so: "2 sleeping in read (anon_pipe_read)"</extracomment>
        <translation><numerusform>%n %1</numerusform><numerusform>%n %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobidle.cpp" line="75" />
        <source>%n other(s)</source>
        <translation><numerusform>%n other</numerusform><numerusform>%n others</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobidle.cpp" line="88" />
        <source>%n s</source>
        <translation><numerusform>%n s</numerusform><numerusform>%n s</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/models/jobidle.cpp" line="91" />
        <source>%n min</source>
        <translation><numerusform>%n min</numerusform><numerusform>%n min</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::TreeKiller</name>
    <message numerus="yes">
        <location filename="../../src/core/process/treekiller.cpp" line="272" />
        <source>%n process(es) of its tree outlived it (%1): they had SIGTERM and get SIGKILL when the grace period ends</source>
        <translation>
            <numerusform>%n process of its tree outlived it (%1): it had SIGTERM and gets SIGKILL when the grace period ends</numerusform>
            <numerusform>%n processes of its tree outlived it (%1): they had SIGTERM and get SIGKILL when the grace period ends</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/core/process/treekiller.cpp" line="274" />
        <source>killed %n leftover process(es) of its tree after it exited: %1</source>
        <translation>
            <numerusform>killed %n leftover process of its tree after it exited: %1</numerusform>
            <numerusform>killed %n leftover processes of its tree after it exited: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>procdeck::app::BackgroundPanel</name>
    <message numerus="yes">
        <location filename="../../src/app/backgroundpanel.cpp" line="323" />
        <source>%n job(s) queued again: %1</source>
        <translation><numerusform>%n job queued again: %1</numerusform><numerusform>%n jobs queued again: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/backgroundpanel.cpp" line="325" />
        <source>%n job(s) sent to the background: %1</source>
        <translation><numerusform>%n job sent to the background: %1</numerusform><numerusform>%n jobs sent to the background: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/backgroundpanel.cpp" line="357" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>Exported %n job to %1</numerusform><numerusform>Exported %n jobs to %1</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::BatchAllocations</name>
    <message numerus="yes">
        <location filename="../../src/app/batchallocations.cpp" line="115" />
        <source>Slurm allocation %1 on %2 (%n node(s))</source>
        <extracomment>%1 the Slurm job id, %2 its nodes (procdeck-node, node[1-4])</extracomment>
        <translation><numerusform>Slurm allocation %1 on %2 (%n node)</numerusform><numerusform>Slurm allocation %1 on %2 (%n nodes)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchallocations.cpp" line="125" />
        <source>Waiting for Slurm (%1): the batch's %n job(s) start once it grants the allocation</source>
        <extracomment>%1 is squeue's reason: Priority, Resources, QOSMaxJobsPerUserLimit…</extracomment>
        <translation><numerusform>Waiting for Slurm (%1): the batch's %n job starts once it grants the allocation</numerusform><numerusform>Waiting for Slurm (%1): the batch's %n jobs start once it grants the allocation</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::BatchDialog</name>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="269" />
        <source>… and %n more</source>
        <translation><numerusform>… and %n more</numerusform><numerusform>… and %n more</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchdialog.cpp" line="271" />
        <source>Preview — %n job(s)</source>
        <translation><numerusform>Preview — %n job</numerusform><numerusform>Preview — %n jobs</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::BatchFileActions</name>
    <message numerus="yes">
        <location filename="../../src/app/batchfileactions.cpp" line="44" />
        <source>Running %n job(s) from %1</source>
        <translation><numerusform>Running %n job from %1</numerusform><numerusform>Running %n jobs from %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/batchfileactions.cpp" line="64" />
        <source>Saved %n job(s) to %1</source>
        <translation><numerusform>Saved %n job to %1</numerusform><numerusform>Saved %n jobs to %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::EngineLaunches</name>
    <message numerus="yes">
        <location filename="../../src/app/enginelaunches.cpp" line="120" />
        <source>%n job(s) sent to the background: %1</source>
        <translation><numerusform>%n job sent to the background: %1</numerusform><numerusform>%n jobs sent to the background: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/enginelaunches.cpp" line="207" />
        <source>%n job(s) queued again in the engine: %1</source>
        <translation><numerusform>%n job queued again in the engine: %1</numerusform><numerusform>%n jobs queued again in the engine: %1</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::ExportActions</name>
    <message numerus="yes">
        <location filename="../../src/app/exportactions.cpp" line="75" />
        <source>Exported %n job(s) to %1</source>
        <translation><numerusform>Exported %n job to %1</numerusform><numerusform>Exported %n jobs to %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::HistoryDialog</name>
    <message numerus="yes">
        <location filename="../../src/app/historydialog.cpp" line="197" />
        <source>%n job(s) shown · kept output takes %1</source>
        <translation><numerusform>%n job shown · kept output takes %1</numerusform><numerusform>%n jobs shown · kept output takes %1</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::JobActions</name>
    <message numerus="yes">
        <location filename="../../src/app/jobactions.cpp" line="173" />
        <source>Kill %n running job(s) with their process trees (SIGTERM, then SIGKILL after the grace period).</source>
        <translation><numerusform>Kill %n running job with its process tree (SIGTERM, then SIGKILL after the grace period).</numerusform><numerusform>Kill %n running jobs with their process trees (SIGTERM, then SIGKILL after the grace period).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobactions.cpp" line="177" />
        <source>Cancel %n queued job(s).</source>
        <translation><numerusform>Cancel %n queued job.</numerusform><numerusform>Cancel %n queued jobs.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobactions.cpp" line="211" />
        <source>Kill %n batch(es)?</source>
        <extracomment>%1: batch numbers, such as "2" or "2, 5"</extracomment>
        <translation>
            <numerusform>Kill %n batch?</numerusform>
            <numerusform>Kill %n batches?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobactions.cpp" line="229" />
        <source>Removed %n ended job(s)</source>
        <translation><numerusform>Removed %n ended job</numerusform><numerusform>Removed %n ended jobs</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobactions.cpp" line="230" />
        <source>, %n of them failed, killed or cancelled.</source>
        <translation><numerusform>, %n of them failed, was killed or cancelled.</numerusform><numerusform>, %n of them failed, were killed or cancelled.</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::JobTablePanel</name>
    <message numerus="yes">
        <location filename="../../src/app/jobtablepanel.cpp" line="120" />
        <source>Searching the complete output of %n job(s) (%1)…</source>
        <translation>
            <numerusform>Searching the complete output of %n job (%1)…</numerusform>
            <numerusform>Searching the complete output of %n jobs (%1)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobtablepanel.cpp" line="131" />
        <source>Complete output searched (%n job(s) on disk).</source>
        <translation>
            <numerusform>Complete output searched (%n job on disk).</numerusform>
            <numerusform>Complete output searched (%n jobs on disk).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/jobtablepanel.cpp" line="132" />
        <source>%n job(s)' complete output is gone: only their last lines were searched.</source>
        <translation>
            <numerusform>%n job's complete output is gone: only its last lines were searched.</numerusform>
            <numerusform>%n jobs' complete output is gone: only their last lines were searched.</numerusform>
        </translation>
    </message>
    </context>
<context>
    <name>procdeck::app::MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/app/mainwindow.cpp" line="288" />
        <source>Batch %1 runs at most %n job(s) at once (the toolbar's Parallel is %2)</source>
        <translation><numerusform>Batch %1 runs at most %n job at once (the toolbar's Parallel is %2)</numerusform><numerusform>Batch %1 runs at most %n jobs at once (the toolbar's Parallel is %2)</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::Notifier</name>
    <message numerus="yes">
        <source>Batch ended: %n job(s) failed</source>
        <translation><numerusform>Batch ended: %n job failed</numerusform><numerusform>Batch ended: %n jobs failed</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Batch done: all %n job(s) succeeded</source>
        <translation><numerusform>Batch done: the job succeeded</numerusform><numerusform>Batch done: all %n jobs succeeded</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) · %1 s of work in %2 s</source>
        <translation><numerusform>%n job · %1 s of work in %2 s</numerusform><numerusform>%n jobs · %1 s of work in %2 s</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::OutputView</name>
    <message numerus="yes">
        <location filename="../../src/app/outputview.cpp" line="313" />
        <source>%1 — %2, %n line(s)</source>
        <translation><numerusform>%1 — %2, %n line</numerusform><numerusform>%1 — %2, %n lines</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::ProcessesPanel</name>
    <message numerus="yes">
        <location filename="../../src/app/processespanel.cpp" line="194" />
        <source>%n process(es)</source>
        <translation><numerusform>%n process</numerusform><numerusform>%n processes</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::QuitController</name>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="88" />
        <source>Killing %n job(s) with SIGKILL…</source>
        <translation><numerusform>Killing %n job with SIGKILL…</numerusform><numerusform>Killing %n jobs with SIGKILL…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="91" />
        <source>Stopping %n job(s)… SIGKILL in %1 s</source>
        <extracomment>%1 is a count of seconds; the job count is in %n</extracomment>
        <translation><numerusform>Stopping %n job… SIGKILL in %1 s</numerusform><numerusform>Stopping %n jobs… SIGKILL in %1 s</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="137" />
        <source>Keep %n job(s) running in the background?</source>
        <extracomment>the question when closing the window; the answer "Keep running in the background"</extracomment>
        <translation><numerusform>Keep the job running in the background?</numerusform><numerusform>Keep %n jobs running in the background?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="142" />
        <source>%n job(s) are still running.</source>
        <translation><numerusform>%n job is still running.</numerusform><numerusform>%n jobs are still running.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="144" />
        <location filename="../../src/app/quitcontroller.cpp" line="169" />
        <source>%n queued job(s) will not start.</source>
        <translation><numerusform>%n queued job will not start.</numerusform><numerusform>%n queued jobs will not start.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="154" />
        <source>They go on running in the engine after the window closes; ProcDeck shows them again when it opens.</source>
        <extracomment>"They": the jobs the question counts (%n of them, plural forms)</extracomment>
        <translation><numerusform>It goes on running in the engine after the window closes; ProcDeck shows it again when it opens.</numerusform><numerusform>They go on running in the engine after the window closes; ProcDeck shows them again when it opens.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="161" />
        <source>The window's own %n job(s) stop either way: SIGTERM to each process tree, then SIGKILL after up to %1 s.</source>
        <translation><numerusform>The window's own job stops either way: SIGTERM to its process tree, then SIGKILL after up to %1 s.</numerusform><numerusform>The window's own %n jobs stop either way: SIGTERM to each process tree, then SIGKILL after up to %1 s.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) shown here run in the engine.</source>
        <translation type="vanished">
            <numerusform>%n job shown here runs in the engine.</numerusform>
            <numerusform>%n jobs shown here run in the engine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) of this window run in the engine.</source>
        <translation type="vanished">
            <numerusform>%n job of this window runs in the engine.</numerusform>
            <numerusform>%n jobs of this window run in the engine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keep running in the background closes the window and leaves the engine's %n job(s) running: ProcDeck shows them again when it opens. Stop the jobs and quit ends them too.</source>
        <translation type="vanished">
            <numerusform>Keep running in the background closes the window and leaves the engine's job running: ProcDeck shows it again when it opens. Stop the jobs and quit ends it too.</numerusform>
            <numerusform>Keep running in the background closes the window and leaves the engine's %n jobs running: ProcDeck shows them again when it opens. Stop the jobs and quit ends them too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/app/quitcontroller.cpp" line="172" />
        <source>The %n job(s) in the Background tab run on in the engine either way.</source>
        <translation><numerusform>The %n job in the Background tab runs on in the engine either way.</numerusform><numerusform>The %n jobs in the Background tab run on in the engine either way.</numerusform></translation>
    </message>
</context>
<context>
    <name>procdeck::app::StatusSummary</name>
    <message numerus="yes">
        <location filename="../../src/app/statussummary.cpp" line="80" />
        <source>%n job(s) · %1 s of work in %2 s (×%3)</source>
        <extracomment>a batch's figures: jobs, total job time, wall time and the speed-up of running them in parallel</extracomment>
        <translation><numerusform>%n job · %1 s of work in %2 s (×%3)</numerusform><numerusform>%n jobs · %1 s of work in %2 s (×%3)</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::TreeActions</name>
    <message numerus="yes">
        <location filename="../../src/app/treeactions.cpp" line="23" />
        <source>%n job(s)</source>
        <translation><numerusform>%n job</numerusform><numerusform>%n jobs</numerusform></translation>
    </message>
    </context>
<context>
    <name>procdeck::app::UsageChart</name>
    <message numerus="yes">
        <location filename="../../src/app/usagechart.cpp" line="145" />
        <source>CPU %1 % · %2 s in all · %n process(es)</source>
        <translation><numerusform>CPU %1 % · %2 s in all · %n process</numerusform><numerusform>CPU %1 % · %2 s in all · %n processes</numerusform></translation>
    </message>
    </context>
</TS>