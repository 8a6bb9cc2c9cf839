// The README's table of GNU parallel's options (issue 27): generated from the option reader's
// own table, so that what the README says and what procdeck-cli does cannot drift apart.
// - the options listed are parallel 20221122's own, read out of /usr/bin/parallel;
// - the README holds, between its markers, exactly what `procdeck-cli --list-parallel-options`
//   prints (regenerate it with that when this fails);
// - no option is unknown to the reader, and each one the table calls refused is refused by the
//   reader with a line naming it.
#include "core/parallel/parallelcommand.h"
#include "core/parallel/paralleloptions.h"
#include "core/parallel/paralleloptiontable.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace procdeck;

namespace {
const QByteArray kBegin = "<!-- parallel-options: procdeck-cli --list-parallel-options -->\n";
const QByteArray kEnd = "<!-- parallel-options end -->";

QString readmePath()
{
    return QStringLiteral(PROCDECK_SOURCE_DIR "/README.md");
}
} // namespace

class TestParallelOptionTable : public QObject
{
    Q_OBJECT

private slots:
    void theOptionsAreParallels();
    void readmeHoldsTheGeneratedTable();
    void noOptionIsUnknown();
    void refusedOptionsAreRefused();
};

void TestParallelOptionTable::theOptionsAreParallels()
{
    const QString parallel = QStandardPaths::findExecutable(QStringLiteral("parallel"));
    if (parallel.isEmpty())
        QSKIP("GNU parallel is not installed (packaging/setup-debian.sh installs it)");
    QProcess perl;
    perl.start(QStringLiteral("perl"),
               {QStringLiteral(PROCDECK_SOURCE_DIR "/tools/parallel-options.pl"), parallel});
    QVERIFY(perl.waitForFinished(60000));
    QCOMPARE(perl.exitCode(), 0);
    QStringList expected;
    static const QRegularExpression valueType(QStringLiteral("[=:].*$"));
    for (const QString &line : QString::fromUtf8(perl.readAllStandardOutput()).split('\n')) {
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('_'))) // its internal ones
            expected << QString(line).remove(valueType);
    }
    QStringList listed = parallel::parallelOptionNames();
    std::sort(expected.begin(), expected.end());
    std::sort(listed.begin(), listed.end());
    QCOMPARE(listed, expected);
}

void TestParallelOptionTable::readmeHoldsTheGeneratedTable()
{
    QFile readme(readmePath());
    QVERIFY2(readme.open(QIODevice::ReadOnly), qPrintable(readme.fileName()));
    const QByteArray text = readme.readAll();
    const qsizetype begin = text.indexOf(kBegin);
    const qsizetype end = text.indexOf(kEnd);
    QVERIFY2(begin >= 0 && end > begin, "README.md lacks the markers of the option table");
    const QByteArray inReadme = text.mid(begin + kBegin.size(), end - begin - kBegin.size());

    QProcess cli;
    cli.start(QStringLiteral(PROCDECK_CLI_PATH), {QStringLiteral("--list-parallel-options")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray printed = cli.readAllStandardOutput();
    QCOMPARE(printed, parallel::parallelOptionTable().toUtf8());
    if (inReadme != printed) {
        qWarning("README.md's option table is not what the code says: replace the lines between "
                 "its markers with the output of procdeck-cli --list-parallel-options");
    }
    QCOMPARE(inReadme, printed);
}

void TestParallelOptionTable::noOptionIsUnknown()
{
    for (const QString &spec : parallel::parallelOptionNames()) {
        for (const QString &name : spec.split(QLatin1Char('|'))) {
            parallel::Option o;
            QVERIFY2(parallel::lookUp(name, &o), qPrintable(name));
        }
    }
    QVERIFY(!parallel::parallelOptionTable().contains(QLatin1String("unknown")));
}

void TestParallelOptionTable::refusedOptionsAreRefused()
{
    // Each spelling the table calls refused, given to the reader: refused, the line naming it.
    int refused = 0;
    for (const QString &spec : parallel::parallelOptionNames()) {
        for (const QString &name : spec.split(QLatin1Char('|'))) {
            parallel::Option o;
            QVERIFY(parallel::lookUp(name, &o));
            const bool notSupported = o.id == parallel::OptionId::NotSupported;
            if (!notSupported && o.id != parallel::OptionId::Conflicting)
                continue;
            const QString spelling = (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"))
                    + name;
            QStringList args{spelling};
            if (o.hasValue)
                args << QStringLiteral("1");
            args << QStringLiteral("echo") << QStringLiteral(":::") << QStringLiteral("a");
            ParallelCommand command;
            QString error;
            QVERIFY2(!parallelcommand::parse(args, nullptr, &command, &error), qPrintable(name));
            const QString said = notSupported ? QStringLiteral("GNU parallel's %1 ").arg(spelling)
                                              : spelling + QStringLiteral(" cannot be combined");
            QVERIFY2(error.startsWith(said), qPrintable(name + QLatin1String(": ") + error));
            ++refused;
        }
    }
    QVERIFY(refused > 100); // (the test is not empty)
}

QTEST_GUILESS_MAIN(TestParallelOptionTable)
#include "tst_paralleloptiontable.moc"
