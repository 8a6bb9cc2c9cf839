// The Background tab's own actions on the engine's jobs (issue 25): Run again and Export, asked
// of a real procdeck-engine on a private socket, with procdeck-cli as the other client.
#include "enginetest.h"
#include "windowtest.h"

#include "backgroundpanel.h"
#include "core/models/enginejobsmodel.h"
#include "noticebar.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>

using enginetest::Home;
using windowtest::kDeadlineMs;

namespace {

bool hasEnded(const BackgroundPanel *panel, int number)
{
    const int row = panel->model()->rowOf(number);
    return row >= 0 && isTerminal(panel->model()->rowAt(row).state);
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

} // namespace

class TestWindowBackground : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_home = enginetest::windowHome(); }
    void cleanup() { m_home.reset(); }

    void runAgainQueuesTheSameCommandAnew()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo first; exit 3", "--shell", "true"}).out,
                 QByteArray("1\n2\n"));
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(hasEnded(panel, 1) && hasEnded(panel, 2), kDeadlineMs);
        auto *again = panel->findChild<QPushButton *>(QStringLiteral("runAgainButton"));
        QVERIFY(!again->isEnabled()); // nothing selected
        panel->table()->selectRow(0);
        QVERIFY(again->isEnabled());
        QSignalSpy said(panel, &BackgroundPanel::message);
        again->click();
        QTRY_COMPARE_WITH_TIMEOUT(panel->model()->rowCount(), 3, kDeadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(hasEnded(panel, 3), kDeadlineMs);
        const EngineJobsModel::Row &rerun = panel->model()->rowAt(panel->model()->rowOf(3));
        QCOMPARE(rerun.command, panel->model()->rowAt(0).command);
        QCOMPARE(rerun.exitCode, 3);
        QTRY_VERIFY_WITH_TIMEOUT(!said.isEmpty(), kDeadlineMs);
        QCOMPARE(said.last().at(0).toString(), QStringLiteral("1 job(s) queued again: #3"));
        // Its output is its own, from its own run.
        QCOMPARE(m_home->cli({"--follow", "3"}).out, QByteArray("first\n"));
    }

    void exportWritesTheSelectedJobsOrAll()
    {
        QCOMPARE(m_home->cli({"--detach", "--shell", "echo one", "--shell", "echo two; exit 4"})
                         .out,
                 QByteArray("1\n2\n"));
        MainWindow w;
        w.show();
        BackgroundPanel *panel = w.background();
        QTRY_VERIFY_WITH_TIMEOUT(hasEnded(panel, 1) && hasEnded(panel, 2), kDeadlineMs);
        auto *exportButton = panel->findChild<QPushButton *>(QStringLiteral("exportButton"));
        QTRY_VERIFY_WITH_TIMEOUT(exportButton->isEnabled(), kDeadlineMs);

        QSignalSpy said(panel, &BackgroundPanel::message);
        const QString all = m_home->path("state") + QStringLiteral("/all.jsonl");
        panel->exportTo(all);
        QTRY_VERIFY_WITH_TIMEOUT(!said.isEmpty(), kDeadlineMs);
        QCOMPARE(said.last().at(0).toString(), QStringLiteral("Exported 2 job(s) to %1").arg(all));
        const QList<QJsonObject> lines = jsonLines(all);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).value(QStringLiteral("stdout")).toString(), QStringLiteral("one\n"));
        QCOMPARE(lines.at(1).value(QStringLiteral("exit_code")).toInt(), 4);

        panel->table()->selectRow(1);
        const QString one = m_home->path("state") + QStringLiteral("/one.joblog");
        panel->exportTo(one); // the format its extension says
        QTRY_COMPARE_WITH_TIMEOUT(said.size(), 2, kDeadlineMs);
        QFile joblog(one);
        QVERIFY(joblog.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = joblog.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 2); // the header and job 2
        const QList<QByteArray> fields = rows.at(1).split('\t');
        QCOMPARE(fields.value(0), QByteArray("2"));
        QCOMPARE(fields.value(6), QByteArray("4")); // Exitval
        QCOMPARE(fields.value(8), QByteArray("echo two; exit 4"));

        // A folder that is not there: said where the person looks, nothing else changes.
        panel->exportTo(m_home->path("state") + QStringLiteral("/no/such/folder/x.jsonl"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->notices()->text().startsWith(
                                         QStringLiteral("The run log was not written to ")),
                                 kDeadlineMs);
        QCOMPARE(said.size(), 2);
    }

    void runInTheBackgroundIsRememberedForTheNextLaunch()
    {
        MainWindow w;
        w.show();
        bool checkedAtOpen = true;
        const auto launch = [&](bool inBackground, const QString &command) {
            windowtest::whenDialogOpens<LaunchDialog>([&](LaunchDialog *d) {
                auto *check = d->findChild<QCheckBox *>(QStringLiteral("backgroundCheck"));
                checkedAtOpen = check->isChecked();
                d->findChild<QLineEdit *>(QStringLiteral("commandEdit"))->setText(command);
                check->setChecked(inBackground);
                d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            });
            w.findChild<QAction *>(QStringLiteral("actionNewJob"))->trigger();
        };
        launch(true, QStringLiteral("echo background"));
        QVERIFY(checkedAtOpen); // a first launch goes to the engine: it outlives the window
        QTRY_COMPARE_WITH_TIMEOUT(w.background()->model()->rowCount(), 1, 60000);
        // The engine's job is a row of the table too, mirrored (EngineRun).
        QTRY_COMPARE_WITH_TIMEOUT(w.scheduler().count(), 1, kDeadlineMs);
        QCOMPARE(w.scheduler().jobAt(0)->remote()->engineJob(), 1);
        launch(false, QStringLiteral("echo window"));
        QVERIFY(checkedAtOpen); // as the person left it
        QCOMPARE(w.scheduler().count(), 2);
        QCOMPARE(w.scheduler().jobAt(1)->remote(), nullptr); // the window's own
        launch(false, QStringLiteral("echo window again"));
        QVERIFY(!checkedAtOpen);
        QCOMPARE(w.scheduler().count(), 3);
        QCOMPARE(w.background()->model()->rowCount(), 1);
    }

private:
    std::unique_ptr<Home> m_home;
};

QTEST_MAIN(TestWindowBackground)
#include "tst_windowbackground.moc"
