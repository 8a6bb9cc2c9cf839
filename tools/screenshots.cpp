// Takes the README's screenshots: the real window and dialogs, driven as a person would, grabbed
// to PNG. Run under xvfb-run (see tools/take-screenshots); LANG picks the language.
#include "backgroundscene.h"
#include "processesscene.h"
#include "batchdialog.h"
#include "core/process/job.h"
#include "core/models/jobtablemodel.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "steeringcontrols.h"
#include "translations.h"
#include "wordsscenes.h"
#include "scenewait.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QSpinBox>
#include <QThread>
#include <QDir>
#include <QLibraryInfo>
#include <QPalette>
#include <QSplitter>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

using namespace procdeck::app;

namespace {

using scenewait::waitUntil;

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(37, 40, 44));
    p.setColor(QPalette::WindowText, QColor(225, 228, 232));
    p.setColor(QPalette::Base, QColor(28, 30, 33));
    p.setColor(QPalette::AlternateBase, QColor(40, 43, 47));
    p.setColor(QPalette::Text, QColor(225, 228, 232));
    p.setColor(QPalette::Button, QColor(48, 52, 57));
    p.setColor(QPalette::ButtonText, QColor(225, 228, 232));
    p.setColor(QPalette::Highlight, QColor(38, 110, 190));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(48, 52, 57));
    p.setColor(QPalette::ToolTipText, QColor(225, 228, 232));
    p.setColor(QPalette::PlaceholderText, QColor(140, 145, 150));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 125, 130));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 125, 130));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 125, 130));
    return p;
}

void save(QWidget *w, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name);
    if (!w->grab().save(path))
        std::fprintf(stderr, "could not save %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}


void settle(int ms)
{
    waitUntil([] { return false; }, ms);
}

procdeck::JobSpec shellJob(const QString &line, const QString &label = {})
{
    procdeck::JobSpec s;
    s.useShell = true;
    s.shellCommand = line;
    s.label = label;
    return s;
}

/// Issue 14's pictures: a timeline of 64 jobs, a timed-out job saying why, colours and a
/// progress line in the output pane, and the window at 800×600. `suffix` names the language.
int takeScenes(QApplication &app, const QString &outDir, const QString &suffix)
{
    Q_UNUSED(app)
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));

    // Colours as test runners and build tools print them, and a progress line that ended at 100 %.
    const QString colourScript = QStringLiteral(
        "printf '\033[1mRunning 6 tests\033[0m\\n'; "
        "printf '  \033[32m✔ PASS\033[0m parser reads 256 colours\\n'; "
        "printf '  \033[32m✔ PASS\033[0m progress lines are redrawn\\n'; "
        "printf '  \033[1;31m✘ FAIL\033[0m export keeps raw bytes: \033[4mexpected\033[24m 3, got 2\\n'; "
        "printf '  \033[33;1mwarning:\033[0m \033[2mdeprecated option --old\033[0m\\n'; "
        "printf '  \033[38;5;208m256-colour orange\033[0m \033[48;5;24;38;5;231m on blue \033[0m "
        "\033[38;2;255;105;180m24-bit pink\033[0m \033[7m inverse \033[0m\\n'; "
        "for p in 10 35 60 85 100; do printf '\\rdownloading… %3d%%' $p; sleep 0.1; done; printf '\\n'; "
        "printf '\033[1;32mdone\033[0m in 0.6 s\\n'; "
        // A program's own colours, which it prints only to a terminal (--pty).
        "echo '$ ls --color=auto /usr'; ls --color=auto /usr");
    procdeck::JobSpec colourSpec = shellJob(colourScript, QStringLiteral("colours, a progress line, ls in a terminal"));
    colourSpec.pty = true;
    procdeck::Job *colours = window.launch(colourSpec);
    procdeck::JobSpec slow = shellJob(QStringLiteral("echo 'waiting for the server…'; sleep 30"), QStringLiteral("slow server check"));
    slow.timeoutSeconds = 1;
    procdeck::Job *timedOut = window.launch(slow);
    waitUntil([&] { return procdeck::isTerminal(colours->state()) && procdeck::isTerminal(timedOut->state()); }, 20000);
    // A short table: the output pane gets the room (as a person would drag the splitter).
    window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({220, 580});
    window.selectJob(colours->seq());
    settle(400);
    save(&window, outDir, QStringLiteral("colours%1.png").arg(suffix));
    window.selectJob(timedOut->seq());
    settle(400);
    save(&window, outDir, QStringLiteral("timed-out%1.png").arg(suffix));

    // 64 short jobs, 8 at once: jobs share rows as slots do, the selected one outlined.
    QList<procdeck::JobSpec> many;
    for (int i = 1; i <= 64; ++i)
        many << shellJob(QStringLiteral("sleep 0.%1").arg(2 + (i * 7) % 8));
    const int batch = window.launchBatch(many, 8);
    waitUntil([&] { return window.scheduler().batchStats(batch).done(); }, 60000);
    tabs->setCurrentIndex(3); // the timeline
    window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->setSizes({300, 500});
    window.selectJob(window.scheduler().jobAt(window.scheduler().count() - 24)->seq());
    settle(500);
    save(&window, outDir, QStringLiteral("timeline-64%1.png").arg(suffix));

    // A small screen: 800×600, while a batch runs.
    window.scheduler().removeEnded();
    QList<procdeck::JobSpec> sleeps;
    for (int i = 1; i <= 6; ++i)
        sleeps << shellJob(QStringLiteral("echo 'sleeping %1 s'; sleep %1").arg(i));
    window.launchBatch(sleeps, 3);
    tabs->setCurrentIndex(0);
    window.resize(800, 600);
    settle(1500);
    save(&window, outDir, QStringLiteral("small-800x600%1.png").arg(suffix));
    window.quitNow();
    return 0;
}
/// Issue 13's picture: the steering in the toolbar (Pause, Resume, Pause queue, Parallel) over a
/// table with a paused job, a job waiting for another, a retry waiting, a skipped job, and the
/// banner of a batch that halted.
int takeSteering(const QString &outDir)
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    procdeck::Scheduler &s = window.scheduler();
    window.steering()->parallelSpin()->setValue(4);
    procdeck::Job *encode = window.launch(shellJob(QStringLiteral("for i in $(seq 600); do echo frame $i; sleep 0.1; done"),
                                                   QStringLiteral("encode video (paused)")));
    waitUntil([&] { return encode->state() == procdeck::JobState::Running; }, 10000);
    settle(600);
    s.pause(encode);
    procdeck::JobSpec after = shellJob(QStringLiteral("echo upload"), QStringLiteral("upload after the encode"));
    after.after = {QStringLiteral("#%1").arg(encode->seq())};
    window.launch(after);
    procdeck::JobSpec flaky = shellJob(QStringLiteral("echo 'connection refused' >&2; exit 1"), QStringLiteral("flaky fetch"));
    flaky.retries = 3;
    flaky.retryDelaySeconds = 60;
    window.launch(flaky);
    QList<procdeck::JobSpec> deps{shellJob(QStringLiteral("echo build; exit 2"), QStringLiteral("build")),
                                  shellJob(QStringLiteral("echo test"), QStringLiteral("test (after_success build)"))};
    deps[0].id = QStringLiteral("build");
    deps[1].id = QStringLiteral("test");
    deps[1].afterSuccess = {QStringLiteral("build")};
    procdeck::HaltPolicy halt;
    QString error;
    procdeck::HaltPolicy::parse(QStringLiteral("now,fail=1"), &halt, &error);
    deps << shellJob(QStringLiteral("echo package"), QStringLiteral("package"));
    window.launchBatch(deps, 4, halt);
    settle(1500);
    window.selectJob(encode->seq());
    settle(400);
    save(&window, outDir, QStringLiteral("steering.png"));
    window.quitNow();
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("procdeck-screenshots"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QStringList args = QApplication::arguments();
    const QString outDir = args.value(1, QStringLiteral("."));
    const QString suffix = args.value(2); // "-ko", "-dark", …
    const bool dark = suffix.contains(QLatin1String("dark"));
    if (dark)
        QApplication::setPalette(darkPalette());

    translations::install(&app);
    if (args.value(3) == QLatin1String("steering"))
        return takeSteering(outDir);
    if (args.value(3) == QLatin1String("scenes"))
        return takeScenes(app, outDir, suffix);
    if (args.value(3) == QLatin1String("words"))
        return takeWordsScenes(outDir, suffix);
    if (args.value(3) == QLatin1String("background"))
        return takeBackgroundScene(outDir, suffix);
    if (args.value(3) == QLatin1String("reopened"))
        return takeReopenedScene(outDir, suffix);
    if (args.value(3) == QLatin1String("processes"))
        return takeProcessesScene(outDir, suffix);
    if (args.value(3) == QLatin1String("idle"))
        return takeIdleScene(outDir, suffix);

    MainWindow window;
    window.resize(1280, 800);
    window.show();

    // The notes' ten sleeps, plus one that failed and one that timed out, for the colours.
    QList<procdeck::JobSpec> sleeps;
    for (int i = 1; i <= 10; ++i) {
        procdeck::JobSpec s;
        s.useShell = true;
        s.shellCommand = QStringLiteral("echo 'sleeping %1 s'; sleep %1; echo done").arg(i);
        sleeps << s;
    }
    procdeck::JobSpec failing;
    failing.useShell = true;
    failing.shellCommand = QStringLiteral("echo 'checking…'; echo 'error: no such table' >&2; exit 3");
    window.launch(failing);
    window.launchBatch(sleeps, 10);

    const bool full = suffix.isEmpty(); // the English light set has every picture
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("jobTable"));
    QTimer::singleShot(4300, &app, [&] {
        table->selectRow(3);
        QTimer::singleShot(400, &app, [&] {
            save(&window, outDir, QStringLiteral("ten-sleeps%1.png").arg(suffix));
            if (!suffix.isEmpty() && suffix != QLatin1String("-dark")) {
                window.quitNow();
                app.quit();
                return;
            }
            LaunchDialog launch(procdeck::JobSpec{}, {}, &window);
            procdeck::JobSpec example;
            example.useShell = true;
            example.shellCommand = QStringLiteral("python3 -c 'print(\"안녕\")' | iconv -t CP949");
            example.encoding = QStringLiteral("CP949");
            example.timeoutSeconds = 5;
            example.label = QStringLiteral("hello in CP949");
            example.environment = QStringList{QStringLiteral("PYTHONIOENCODING=utf-8")};
            launch.setSpec(example);
            launch.resize(680, 560);
            launch.show();
            save(&launch, outDir, QStringLiteral("launch-dialog%1.png").arg(suffix));
            BatchDialog batch(procdeck::JobSpec{}, 10, &window);
            batch.resize(680, 560);
            batch.show();
            save(&batch, outDir, QStringLiteral("batch-dialog%1.png").arg(suffix));
            if (!full) {
                window.quitNow();
                app.quit();
            }
        });
    });
    if (full) {
        // The batch's timeline once the ten sleeps have ended: a staircase that ends at 10 s.
        // Jobs that cost something: CPU and memory in the table and in the chart. Started once the
        // timeline is saved (not at a fixed time: on a loaded machine the timers run late).
        const auto crunch = [&] {
            window.scheduler().removeEnded();
            QList<procdeck::JobSpec> busy;
            for (int i = 1; i <= 6; ++i) {
                procdeck::JobSpec s;
                s.useShell = true;
                s.label = QStringLiteral("crunch %1 (python, %2 MiB)").arg(i).arg(i * 40);
                s.shellCommand = QStringLiteral(
                    "python3 -c 'import time\nb = bytearray(%1 * 1024 * 1024)\ne = time.time() + 30\n"
                    "while time.time() < e:\n    sum(range(20000)); time.sleep(0.002 * %2)'").arg(i * 40).arg(i);
                busy << s;
            }
            window.launchBatch(busy, 6);
            tabs->setCurrentIndex(1);
            QTimer::singleShot(6500, &app, [&] {
                table->selectRow(1);
                QTimer::singleShot(600, &app, [&] {
                    save(&window, outDir, QStringLiteral("monitor.png"));
                    window.quitNow();
                    app.quit();
                });
            });
        };
        QTimer::singleShot(10600, &app, [&, crunch] {
            tabs->setCurrentIndex(3); // the timeline
            QTimer::singleShot(300, &app, [&, crunch] {
                save(&window, outDir, QStringLiteral("timeline.png"));
                crunch();
            });
        });
    }
    return app.exec();
}
