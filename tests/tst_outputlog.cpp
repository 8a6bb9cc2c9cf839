#include "core/outputlog.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using procdeck::OutputLog;

class TestOutputLog : public QObject
{
    Q_OBJECT

private slots:
    void countsBytesAndLinesExactly_data();
    void countsBytesAndLinesExactly();
    void tailIsBoundedAndSpillIsComplete();
    void bytesSinceGivesWhatCameLater();
    void noOutputNoFile();
    void unwritableSpillKeepsTheTail();
};

void TestOutputLog::countsBytesAndLinesExactly_data()
{
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<qint64>("lines");
    QTest::newRow("empty") << QByteArrayList{} << qint64(0) << qint64(0);
    QTest::newRow("one line") << QByteArrayList{"hi\n"} << qint64(3) << qint64(1);
    QTest::newRow("no final newline") << QByteArrayList{"a\nb"} << qint64(3) << qint64(2);
    QTest::newRow("split line") << QByteArrayList{"ab", "c\n", "d\n"} << qint64(6) << qint64(2);
    QTest::newRow("blank lines") << QByteArrayList{"\n\n\n"} << qint64(3) << qint64(3);
    // Counted 16 bytes at a time, the counters summed every 255 blocks: past that, and not a
    // multiple of 16.
    QTest::newRow("only newlines, 300 blocks") << QByteArrayList{QByteArray(16 * 300 + 7, '\n')} << qint64(4807) << qint64(4807);
    QTest::newRow("yes") << QByteArrayList{QByteArray("y\n").repeated(5001), "y"} << qint64(10003) << qint64(5002);
}

void TestOutputLog::countsBytesAndLinesExactly()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(qint64, bytes);
    QFETCH(qint64, lines);
    OutputLog log{QString()};
    for (const QByteArray &c : chunks)
        log.append(c);
    QCOMPARE(log.totalBytes(), bytes);
    QCOMPARE(log.lineCount(), lines);
    QCOMPARE(log.tail(), chunks.join());
}

void TestOutputLog::tailIsBoundedAndSpillIsComplete()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    constexpr qsizetype kLimit = 64 * 1024;
    OutputLog log(path, kLimit);
    QCryptographicHash written(QCryptographicHash::Sha256);
    QByteArray chunk(65536 + 17, Qt::Uninitialized);
    qint64 total = 0;
    for (int i = 0; total < 100 * 1000 * 1000; ++i) {
        for (qsizetype k = 0; k < chunk.size(); ++k)
            chunk[k] = char((k * 31 + i) & 0xff);
        log.append(chunk);
        written.addData(chunk);
        total += chunk.size();
        QVERIFY(log.tail().size() <= kLimit);
    }
    log.close();
    QCOMPARE(log.totalBytes(), total);
    QCOMPARE(log.tail().size(), kLimit);
    QCOMPARE(log.tail(), chunk.right(kLimit));
    QVERIFY(!log.tailIsComplete());
    QVERIFY(log.spillIsComplete());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), total);
    QCryptographicHash kept(QCryptographicHash::Sha256);
    QVERIFY(kept.addData(&file));
    QCOMPARE(kept.result(), written.result());
}

void TestOutputLog::bytesSinceGivesWhatCameLater()
{
    OutputLog log(QString(), 8);
    log.append(QByteArray("0123"));
    QCOMPARE(log.bytesSince(0), QByteArray("0123"));
    QCOMPARE(log.bytesSince(2), QByteArray("23"));
    log.append(QByteArray("456789abcdefghij"));
    QCOMPARE(log.bytesSince(18), QByteArray("ij"));
    QCOMPARE(log.bytesSince(0).right(8), QByteArray("cdefghij")); // older bytes are gone
    QCOMPARE(log.bytesSince(20), QByteArray());
    QCOMPARE(log.tailOffset(), qint64(12));
}

void TestOutputLog::noOutputNoFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    {
        OutputLog log(path);
        log.close();
        QVERIFY(log.spillPath().isEmpty());
    }
    QVERIFY(!QFile::exists(path));
}

void TestOutputLog::unwritableSpillKeepsTheTail()
{
    // A path under a regular file can never be created.
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    OutputLog log(dir.filePath(QStringLiteral("file/out")), 16);
    log.append(QByteArray("hello\n"));
    log.append(QByteArray("world\n"));
    QVERIFY(!log.spillError().isEmpty());
    QVERIFY(!log.spillIsComplete());
    QCOMPARE(log.totalBytes(), qint64(12));
    QCOMPARE(log.tail(), QByteArray("hello\nworld\n"));
    bool truncated = true;
    QCOMPARE(log.readAll(&truncated), QByteArray("hello\nworld\n"));
    QVERIFY(!truncated);
}

QTEST_GUILESS_MAIN(TestOutputLog)
#include "tst_outputlog.moc"
