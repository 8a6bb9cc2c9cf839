#include "core/output/outputlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using procdeck::OutputLog;

/// An output log written on one thread (OutputPump's) and read on another (the window's, the
/// engine's follow): readers see only what was published, and are told where what they get
/// begins.
class TestOutputLogThreads : public QObject
{
    Q_OBJECT

private slots:
    void readersSeeWhatWasPublished();
    void aReaderIsToldWhereItsBytesBegin();
    void readFromAnotherThreadIsExact();
};

namespace {
/// The stream's byte at `offset`: lines of 60 letters, so that a byte out of place shows.
char patternAt(qint64 offset)
{
    return offset % 61 == 60 ? '\n' : char('a' + offset % 26);
}
} // namespace

void TestOutputLogThreads::aReaderIsToldWhereItsBytesBegin()
{
    // The race CI met: a reader asks heldFrom(), the writer's thread then overwrites the ring,
    // and bytesSince() gives what memory still holds — later than asked, and it must say so.
    int fds[2];
    QCOMPARE(::pipe2(fds, O_NONBLOCK), 0);
    OutputLog log(QString(), 16);
    log.setPublishedByHand();
    QCOMPARE(::write(fds[1], "hello\n", 6), ssize_t(6));
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(6));
    log.publish();
    QCOMPARE(log.heldFrom(), qint64(0));
    const QByteArray more = QByteArray("0123456789abcdefghijklmnopqrstuvwxyzABCD");
    QCOMPARE(::write(fds[1], more.constData(), size_t(more.size())), ssize_t(more.size()));
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(more.size()));
    qint64 start = -1;
    QCOMPARE(log.bytesSince(0, &start), QByteArray()); // what was shown is gone, no more shown
    QCOMPARE(start, qint64(6));
    log.publish();
    QCOMPARE(log.bytesSince(0, &start), more.right(16));
    QCOMPARE(start, qint64(6 + more.size() - 16));
    QCOMPARE(log.bytesSince(40, &start), more.right(6));
    QCOMPARE(start, qint64(40));
    ::close(fds[0]);
    ::close(fds[1]);
}

void TestOutputLogThreads::readersSeeWhatWasPublished()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_NONBLOCK), 0);
    OutputLog log(QString(), 16);
    log.setPublishedByHand();
    QCOMPARE(::write(fds[1], "hello\n", 6), ssize_t(6));
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(6));
    // Read, not yet shown: counts and bytes stay where the readers last saw them.
    QCOMPARE(log.totalBytes(), qint64(0));
    QCOMPARE(log.lineCount(), qint64(0));
    QCOMPARE(log.bytesSince(0), QByteArray());
    QVERIFY(log.publish());
    QCOMPARE(log.totalBytes(), qint64(6));
    QCOMPARE(log.bytesSince(0), QByteArray("hello\n"));
    QVERIFY(!log.publish());
    QCOMPARE(::write(fds[1], "0123456789abcdefXYZ", 19), ssize_t(19));
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(19));
    QCOMPARE(log.bytesSince(3), QByteArray()); // overwritten in the ring since, and not shown yet
    QCOMPARE(log.totalBytes(), qint64(6));
    QVERIFY(log.publish());
    QCOMPARE(log.totalBytes(), qint64(25));
    QCOMPARE(log.tail(), QByteArray("3456789abcdefXYZ"));
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(-1)); // nothing there: EAGAIN
    QCOMPARE(errno, EAGAIN);
    ::close(fds[1]);
    QCOMPARE(log.readFrom(fds[0], 64), qsizetype(0)); // end of file
    ::close(fds[0]);
}

void TestOutputLogThreads::readFromAnotherThreadIsExact()
{
    // A pipe read on one thread (as OutputPump does) while this one publishes and reads what
    // came since, as the output view does: every byte seen is the stream's, in order, none twice.
    constexpr qint64 kBytes = 8 * 1024 * 1024;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out"));
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    OutputLog log(path, 64 * 1024);
    log.setPublishedByHand();
    std::thread writer([&] {
        QByteArray chunk;
        for (qint64 at = 0; at < kBytes; at += chunk.size()) {
            chunk.resize(qMin<qint64>(kBytes - at, 10007));
            for (qsizetype i = 0; i < chunk.size(); ++i)
                chunk[i] = patternAt(at + i);
            for (qsizetype done = 0; done < chunk.size();) {
                const size_t left = size_t(chunk.size() - done);
                const ssize_t n = ::write(fds[1], chunk.constData() + done, left);
                if (n < 0 && errno != EINTR)
                    return (void)::close(fds[1]); // said below by the byte count
                done += qMax<ssize_t>(n, 0);
            }
        }
        ::close(fds[1]);
    });
    std::atomic<bool> ended{false};
    std::thread reader([&] {
        while (log.readFrom(fds[0], 64 * 1024) > 0) {
        }
        ended = true;
    });
    // Failures are noted and said once both threads are joined: a QVERIFY returning from here
    // with them joinable would be std::terminate, not a failure.
    qint64 seen = 0;
    qint64 wrongByteAt = -1; ///< the first byte seen that is not the stream's
    QString countsDiffer;
    for (bool last = false; !last && wrongByteAt < 0 && countsDiffer.isEmpty();) {
        last = ended;
        log.publish();
        // Asked from what was seen: memory may no longer hold it (the reader thread overwrites
        // the ring meanwhile), and `from` says where what came back begins.
        qint64 from = -1;
        const QByteArray bytes = log.bytesSince(seen, &from);
        if (from < seen)
            countsDiffer = QStringLiteral("asked from %1, given from %2").arg(seen).arg(from);
        for (qsizetype i = 0; i < bytes.size() && wrongByteAt < 0; ++i)
            if (bytes[i] != patternAt(from + i))
                wrongByteAt = from + i;
        if (from + bytes.size() != log.totalBytes())
            countsDiffer = QStringLiteral("%1 + %2 bytes seen, %3 published")
                               .arg(from).arg(bytes.size()).arg(log.totalBytes());
        seen = log.totalBytes();
    }
    writer.join(); // the reader reads on to the end whatever this loop saw, so the writer ends
    reader.join();
    QVERIFY2(wrongByteAt < 0,
             qPrintable(QStringLiteral("byte %1 is not the stream's").arg(wrongByteAt)));
    QVERIFY2(countsDiffer.isEmpty(), qPrintable(countsDiffer));
    ::close(fds[0]);
    log.close();
    QCOMPARE(log.totalBytes(), kBytes);
    QCOMPARE(log.lineCount(), kBytes / 61 + (kBytes % 61 != 0 ? 1 : 0)); // a last line without a newline counts
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), kBytes);
}

QTEST_GUILESS_MAIN(TestOutputLogThreads)
#include "tst_outputlogthreads.moc"
