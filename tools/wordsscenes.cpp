#include "wordsscenes.h"

#include "batchdialog.h"
#include "core/history/history.h"
#include "core/process/job.h"
#include "core/models/jobfilterproxy.h"
#include "core/export/runlog.h"
#include "core/scheduling/scheduler.h"
#include "helpmenu.h"
#include "historydialog.h"
#include "keptoutputdialog.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "scenewait.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QThread>

#include <cstdio>

using namespace procdeck::app;

namespace {

using scenewait::grab;
using scenewait::waitUntil;

procdeck::JobSpec shell(const QString &line)
{
    procdeck::JobSpec s;
    s.useShell = true;
    s.shellCommand = line;
    return s;
}

/// The window's scenes at one size.
void windowScenes(MainWindow &window, const QString &dir, const QString &tag)
{
    procdeck::JobSpec deaf = shell(QStringLiteral("trap '' TERM; echo 'ignoring SIGTERM'; "
                                                  "while :; do sleep 0.2; done"));
    deaf.timeoutSeconds = 1;
    procdeck::Job *ended = window.launch(deaf);
    procdeck::Job *big = window.launch(shell(QStringLiteral(
        "printf 'needle-%s\\n' 123456; head -c 3000000 /dev/zero | tr '\\0' x")));
    procdeck::Job *hex = window.launch(shell(QStringLiteral("printf '\\x41\\x42\\n'")));
    procdeck::Job *leftover = window.launch(shell(QStringLiteral("sleep 30 & echo started")));
    waitUntil([&] {
        return procdeck::isTerminal(ended->state()) && procdeck::isTerminal(big->state())
            && procdeck::isTerminal(hex->state()) && procdeck::isTerminal(leftover->state());
    }, 30000);
    window.selectJob(ended->seq());
    waitUntil([] { return false; }, 400);
    grab(&window, dir, QStringLiteral("words-end%1.png").arg(tag));
    window.selectJob(leftover->seq());
    waitUntil([] { return false; }, 400);
    grab(&window, dir, QStringLiteral("words-leftover%1.png").arg(tag));
    window.selectJob(hex->seq());
    waitUntil([] { return false; }, 400);
    grab(&window, dir, QStringLiteral("words-printf%1.png").arg(tag));
    // A batch held below the toolbar's Parallel says so in the status bar (issue 22.4).
    const QList<procdeck::JobSpec> held(3, shell(QStringLiteral("sleep 0.5")));
    window.launchBatch(held, 1, procdeck::HaltPolicy{}, std::nullopt);
    waitUntil([] { return false; }, 300);
    grab(&window, dir, QStringLiteral("words-batchlimit%1.png").arg(tag));
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    filter->setText(QStringLiteral("needle-123456"));
    waitUntil([&] { return window.proxy()->rowCount() == 1; }, 20000);
    waitUntil([] { return false; }, 300);
    grab(&window, dir, QStringLiteral("words-search%1.png").arg(tag));
    filter->clear();
    HelpMenu *help = window.findChild<HelpMenu *>();
    QDialog *handbook = help->showHandbook();
    waitUntil([] { return false; }, 300);
    grab(handbook, dir, QStringLiteral("words-handbook%1.png").arg(tag));
    handbook->close();
    QDialog *keys = help->showShortcuts();
    waitUntil([] { return false; }, 300);
    grab(keys, dir, QStringLiteral("words-shortcuts%1.png").arg(tag));
    keys->close();
}

} // namespace

int takeWordsScenes(const QString &outDir, const QString &suffix)
{
    for (const QSize size : {QSize(1280, 800), QSize(800, 600)}) {
        const QString tag =
            QStringLiteral("-%1x%2%3").arg(size.width()).arg(size.height()).arg(suffix);
        MainWindow window;
        window.resize(size);
        window.show();
        windowScenes(window, outDir, tag);
        LaunchDialog launch(procdeck::JobSpec{}, {}, &window);
        launch.show();
        waitUntil([] { return false; }, 200);
        grab(&launch, outDir, QStringLiteral("words-launch%1.png").arg(tag));
        BatchDialog batch(procdeck::JobSpec{}, 4, &window);
        batch.findChild<QComboBox *>(QStringLiteral("haltCombo"))->setCurrentIndex(1);
        batch.show();
        waitUntil([] { return false; }, 200);
        grab(&batch, outDir, QStringLiteral("words-batch%1.png").arg(tag));
        window.history().waitForWrites(5000);
        HistoryDialog history(&window.history(), &window);
        history.show();
        history.setSearch(QStringLiteral("needle"));
        waitUntil([&] { return history.isLoaded() && history.rowCount() > 0; }, 10000);
        if (KeptOutputDialog *output = history.showOutputRow(0)) {
            waitUntil([&] { return output->isLoaded(); }, 10000);
            grab(output, outDir, QStringLiteral("words-history-output%1.png").arg(tag));
        }
        // The HTML report as a browser would show it (Qt's rich text: close enough to judge),
        // made of what the export keeps of each job, as the window's export does: the whole
        // 3 MB line of the search scene held the layout for minutes.
        QList<procdeck::ExportEntry> entries;
        for (int i = 0; i < window.scheduler().count(); ++i)
            entries << procdeck::runlog::summarizedForReport(
                procdeck::ExportEntry::fromJob(*window.scheduler().jobAt(i)));
        QTextBrowser report;
        report.resize(size);
        report.setHtml(QString::fromUtf8(procdeck::runlog::renderHtmlReport(entries)));
        report.show();
        waitUntil([] { return false; }, 200);
        grab(&report, outDir, QStringLiteral("report%1.png").arg(tag)); // kept in docs/screenshots
        window.scheduler().killAllNow();
        waitUntil([&] { return window.scheduler().isIdle(); }, 10000);
    }
    return 0;
}
