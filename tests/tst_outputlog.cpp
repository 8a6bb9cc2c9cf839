#include "core/output/outputlog.h"
#include "core/output/spillwriter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using procdeck::OutputLog;
using procdeck::SpillName;

class TestOutputLog : public QObject
{
    Q_OBJECT

private slots:
    void countsBytesAndLinesExactly_data();
    void countsBytesAndLinesExactly();
    void tailIsBoundedAndSpillIsComplete();
    void tailTakesNoMoreMemoryThanItsLimit();
    void bytesSinceGivesWhatCameLater();
    void noOutputNoFile();
    void unwritableSpillKeepsTheTail();
    void appendNeverWaitsForTheDisk();
    void manyFilesEachExactInOrder();
    void flushMakesTheFileCompleteSoFar();
    void syncAllWaitsForEveryFileGiven();
    void readIntoKeepsExactlyWhatWasRead_data();
    void readIntoKeepsExactlyWhatWasRead();
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
        QVERIFY2(log.tailMemory() <= kLimit, qPrintable(QString::number(log.tailMemory())));
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

void TestOutputLog::tailTakesNoMoreMemoryThanItsLimit()
{
    // Output that comes a little at a time grows the tail up to its limit: 64 jobs with a 1 MiB
    // tail each should hold 64 MiB, not twice that.
    constexpr qsizetype kLimit = 1024 * 1024;
    OutputLog log(QString(), kLimit);
    QByteArray piece(4000, Qt::Uninitialized);
    QByteArray last;
    for (int i = 0; log.totalBytes() < 3 * kLimit; ++i) {
        piece.fill(char('a' + i % 26));
        log.append(piece);
        last = (last + piece).right(kLimit);
        QVERIFY2(log.tailMemory() <= kLimit, qPrintable(QStringLiteral("%1 bytes at %2").arg(log.tailMemory()).arg(log.totalBytes())));
    }
    QCOMPARE(log.tailMemory(), kLimit);
    QCOMPARE(log.tail(), last);
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
    log.flush(); // the file is made on the writer's thread: its failure is known once flushed
    QVERIFY(!log.spillError().isEmpty());
    QVERIFY(!log.spillIsComplete());
    QCOMPARE(log.totalBytes(), qint64(12));
    QCOMPARE(log.tail(), QByteArray("hello\nworld\n"));
    bool truncated = true;
    QCOMPARE(log.readAll(&truncated), QByteArray("hello\nworld\n"));
    QVERIFY(!truncated);
}

void TestOutputLog::appendNeverWaitsForTheDisk()
{
    // A FIFO nobody reads yet: opening it for writing blocks until someone does. Were the spill
    // file opened or written on the appending thread, append() would never return.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fifo"));
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    OutputLog log(path, 16);
    QByteArray sent;
    for (int i = 0; i < 300; ++i) { // 300 × 4 KiB: batches handed over, beyond any pipe buffer
        const QByteArray chunk(4096, char('a' + i % 26));
        log.append(chunk);
        sent += chunk;
    }
    QCOMPARE(log.totalBytes(), qint64(sent.size()));
    QFile reader(path);
    QVERIFY(reader.open(QIODevice::ReadOnly | QIODevice::Unbuffered)); // now the writer's open returns
    QByteArray got;
    std::thread closer([&log] { log.close(); }); // close() waits until every byte is written
    while (got.size() < sent.size()) {
        const QByteArray part = reader.read(sent.size() - got.size());
        if (part.isEmpty())
            break;
        got += part;
    }
    closer.join();
    QCOMPARE(got, sent);
    QVERIFY(log.spillIsComplete());
}

void TestOutputLog::manyFilesEachExactInOrder()
{
    // Interleaved appends to 40 logs through the one writer: each file gets its own bytes, in
    // order, small reads gathered and large ones passed whole.
    QTemporaryDir dir;
    std::vector<std::unique_ptr<OutputLog>> logs;
    std::vector<QByteArray> sent(40);
    for (int i = 0; i < 40; ++i)
        logs.push_back(std::make_unique<OutputLog>(dir.filePath(QStringLiteral("out-%1").arg(i)), 1024));
    for (int round = 0; round < 60; ++round) {
        for (int i = 0; i < 40; ++i) {
            const qsizetype size = (round * 7 + i * 13) % 5 == 0 ? 300 * 1024 + i : 1000 + (round * i) % 9000;
            QByteArray chunk(size, Qt::Uninitialized);
            for (qsizetype k = 0; k < size; ++k)
                chunk[k] = char((k * 7 + round * 3 + i) & 0xff);
            logs[size_t(i)]->append(chunk);
            sent[size_t(i)] += chunk;
        }
    }
    for (int i = 0; i < 40; ++i) {
        logs[size_t(i)]->close();
        QVERIFY(logs[size_t(i)]->spillIsComplete());
        QFile file(dir.filePath(QStringLiteral("out-%1").arg(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), sent[size_t(i)]);
    }
}

void TestOutputLog::flushMakesTheFileCompleteSoFar()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    OutputLog log(path, 64);
    QByteArray sent;
    for (int i = 0; i < 5; ++i) {
        const QByteArray line = QByteArray("line ") + QByteArray::number(i) + '\n';
        log.append(line);
        sent += line;
        log.flush(); // as the window does before it opens the file of a running job
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), sent);
        bool truncated = true;
        QCOMPARE(log.readAll(&truncated), sent);
        QVERIFY(!truncated);
    }
}

void TestOutputLog::syncAllWaitsForEveryFileGiven()
{
    // procdeck-cli, at a run's end, removes its folder if nothing is in it and says what the
    // disk refused: the files whose closing was only queued (as a job's end queues it) are
    // made, whole and closed once syncAll() returns, in a folder that did not exist before.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("run"));
    std::vector<std::unique_ptr<OutputLog>> logs;
    for (int i = 0; i < 200; ++i) {
        logs.push_back(std::make_unique<OutputLog>(
                SpillName(folder, i + 1, "stdout"), 16));
        logs.back()->append(QByteArray::number(i) + '\n');
        logs.back()->endStream(); // queued: waits for no disk
    }
    procdeck::SpillWriter::instance().syncAll();
    for (int i = 0; i < 200; ++i) {
        QVERIFY(logs[size_t(i)]->isWritten());
        QFile file(SpillName(folder, i + 1, "stdout").path());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(file.readAll(), QByteArray::number(i) + '\n');
    }
}

void TestOutputLog::readIntoKeepsExactlyWhatWasRead_data()
{
    QTest::addColumn<bool>("spilled");
    QTest::newRow("spilled") << true;
    QTest::newRow("tail only") << false;
}

void TestOutputLog::readIntoKeepsExactlyWhatWasRead()
{
    // As a pipe read does: room asked for, fewer bytes (or none) read into it.
    QFETCH(bool, spilled);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    OutputLog log(spilled ? path : QString(), 100 * 1000);
    QByteArray sent;
    for (int i = 0; i < 400; ++i) {
        const qsizetype room = 1 + (i * 7919) % 65536;
        const qsizetype n = i % 9 == 0 ? 0 : room - (i * 31) % room;
        char *into = log.readInto(room);
        for (qsizetype k = 0; k < n; ++k)
            into[k] = char(k % 5 == 4 ? '\n' : 'a' + (i + k) % 26);
        sent.append(into, n);
        log.appendRead(n);
    }
    log.close();
    QCOMPARE(log.totalBytes(), qint64(sent.size()));
    QCOMPARE(log.lineCount(), qint64(sent.count('\n') + (sent.endsWith('\n') ? 0 : 1)));
    QCOMPARE(log.tail(), sent.right(100 * 1000));
    if (spilled) {
        QVERIFY(log.spillIsComplete());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), sent);
    }
}

QTEST_GUILESS_MAIN(TestOutputLog)
#include "tst_outputlog.moc"
