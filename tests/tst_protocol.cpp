// The engine's frames (docs/protocol.md), alone: what FrameReader takes and refuses, a pruned
// connection's frames decoded on a thread of its own in order, and a peer that stops reading,
// dropped with its reason once its queue passes the bound.
#include "core/protocol/framereader.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "core/protocol/recordpruner.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QLocalServer>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace procdeck;

namespace {

QByteArray lengthPrefix(quint32 length)
{
    QByteArray bytes(4, Qt::Uninitialized);
    qToBigEndian<quint32>(length, bytes.data());
    return bytes;
}

QByteArray framed(const QByteArray &payload)
{
    return lengthPrefix(quint32(payload.size())) + payload;
}

const RecordPruner kSeqAndCommand(QLatin1StringView("jobs"),
                                  {QLatin1StringView("seq"), QLatin1StringView("command")});

/// A watch page as the engine writes it (its array open), with what a record may hold: a long
/// string, a nested map, a tagged value, a float, a null; an item that is no map; an empty map.
QByteArray pageOf(bool openArray)
{
    QByteArray page;
    QCborStreamWriter w(&page);
    w.startMap(3);
    w.append(QLatin1StringView("type"));
    w.append(QLatin1StringView("jobs"));
    w.append(QLatin1StringView("jobs"));
    openArray ? w.startArray() : w.startArray(3);
    w.startMap(7);
    w.append(QLatin1StringView("stdout_tail"));
    w.append(QString(300, QLatin1Char('x')));
    w.append(QLatin1StringView("seq"));
    w.append(7);
    w.append(QLatin1StringView("usage"));
    w.startMap(1);
    w.append(QLatin1StringView("samples"));
    w.startArray(2);
    w.append(1.5);
    w.append(nullptr);
    w.endArray();
    w.endMap();
    w.append(QLatin1StringView("started"));
    w.append(QCborTag(0));
    w.append(QLatin1StringView("2026-12-07T20:00:00Z"));
    w.append(QLatin1StringView("command"));
    w.append(QLatin1StringView("echo a"));
    w.append(QLatin1StringView("a_key_longer_than_any_field_is_kept_whole_and_skipped_past_"
                               "all_the_same"));
    w.append(true);
    w.append(42); // a key that is not text
    w.append(QLatin1StringView("seq-like"));
    w.endMap();
    w.append(5);
    w.startMap(0);
    w.endMap();
    w.endArray();
    w.append(QLatin1StringView("more"));
    w.append(QByteArray("bytes"));
    w.endMap();
    return page;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        const QCborMap sent = protocol::message(
                protocol::type::submit,
                { { QStringLiteral("jobs"),
                    QCborArray { QCborMap { { QStringLiteral("command"), "true" } } } } });
        FrameReader reader;
        reader.feed(protocol::encode(sent) + protocol::encode(protocol::error("x")));
        QCborMap got;
        QString error;
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
        QCOMPARE(got, sent);
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
        QCOMPARE(protocol::typeOf(got), protocol::type::error);
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::NeedMore);
        QCOMPARE(reader.held(), 0);
    }

    void truncatedFrameWaits()
    {
        const QByteArray frame = protocol::encode(protocol::message(protocol::type::status));
        FrameReader reader;
        reader.feed(frame.left(frame.size() - 1));
        QCborMap got;
        QString error;
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::NeedMore);
        QCOMPARE(reader.wanted(), 1);
        reader.feed(frame.right(1));
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("4 GiB") << lengthPrefix(0xffffffffu) + QByteArray("abc")
                               << "a frame of 4294967295 bytes (at most 16777216)";
        QTest::newRow("just past the bound") << lengthPrefix(protocol::kMaxFrameBytes + 1)
                                             << "a frame of 16777217 bytes (at most 16777216)";
        QTest::newRow("length 0") << lengthPrefix(0) << "a frame of length 0";
        QTest::newRow("not CBOR") << framed(QByteArray("\xff\xff\xff", 3))
                                  << "a frame that is not one CBOR item (Invalid CBOR stream: "
                                     "unexpected 'break' byte)";
        QTest::newRow("bytes after the item")
                << framed(QCborValue(QCborMap{{QStringLiteral("type"), "status"}}).toCbor() + "x")
                << "a frame that is not one CBOR item (bytes after it)";
        QTest::newRow("an array") << framed(QCborValue(QCborArray{1, 2}).toCbor())
                                  << "a frame that is not a message (a CBOR map with a \"type\")";
        QTest::newRow("no type") << framed(QCborValue(QCborMap{{1, 2}}).toCbor())
                                 << "a frame that is not a message (a CBOR map with a \"type\")";
        QTest::newRow("type not text")
                << framed(QCborValue(QCborMap{{QStringLiteral("type"), 7}}).toCbor())
                << "a frame that is not a message (a CBOR map with a \"type\")";
    }

    void refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        FrameReader reader;
        reader.feed(bytes);
        QCborMap got;
        QString said;
        QCOMPARE(reader.next(&got, &said), FrameReader::Result::Error);
        QCOMPARE(said, error);
        FrameReader pruning; // a frame that is not one CBOR map is said as wrong all the same
        pruning.pruneRecords(kSeqAndCommand);
        pruning.feed(bytes);
        QString prunedSaid;
        QCOMPARE(pruning.next(&got, &prunedSaid), FrameReader::Result::Error);
        QCOMPARE(prunedSaid, error);
        // Broken for good: nothing after is read.
        reader.feed(protocol::encode(protocol::message(protocol::type::status)));
        QCOMPARE(reader.next(&got, &said), FrameReader::Result::Error);
    }

    void randomBytesNeverCrash()
    {
        QRandomGenerator random(25);
        for (int i = 0; i < 2000; ++i) {
            QByteArray bytes(int(random.bounded(1, 64)), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random.bounded(256));
            if (i % 2 == 0) // a plausible length, so that the payload is parsed too
                bytes = framed(bytes);
            FrameReader reader;
            if (i % 3 == 0)
                reader.pruneRecords(kSeqAndCommand);
            reader.feed(bytes);
            QCborMap got;
            QString error;
            while (reader.next(&got, &error) == FrameReader::Result::Message) { }
            QVERIFY(reader.held() <= bytes.size());
        }
    }

    void aPagesRecordsKeepOnlyTheirFields_data()
    {
        QTest::addColumn<bool>("openArray");
        QTest::newRow("open array (the engine's)") << true;
        QTest::newRow("counted array") << false;
    }

    void aPagesRecordsKeepOnlyTheirFields()
    {
        QFETCH(bool, openArray);
        const QByteArray page = pageOf(openArray);
        FrameReader reader;
        reader.pruneRecords(kSeqAndCommand);
        reader.feed(framed(page) + framed(page));
        QCborMap got;
        QString error;
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
        const QCborMap whole = QCborValue::fromCbor(page).toMap();
        QCborMap expected = whole;
        expected.insert(QLatin1StringView("jobs"),
                        QCborArray{QCborMap{{QLatin1StringView("seq"), 7},
                                            {QLatin1StringView("command"),
                                             QLatin1StringView("echo a")}},
                                   5, QCborMap()});
        QCOMPARE(got, expected); // the fields kept in their order; the rest of the frame as is
        QCOMPARE(got.value(QLatin1StringView("more")).toByteArray(), QByteArray("bytes"));
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
        QCOMPARE(got, expected);
        QCOMPARE(reader.held(), 0);
    }

    void anOpenRecordAndOneKeepingManyPairsArePruned()
    {
        // The kept pairs are copied in runs after a one-byte head set once they are counted;
        // an open record's break is not one of them, and 24 or more kept need a longer head.
        QByteArray page;
        QCborStreamWriter w(&page);
        w.startMap(1);
        w.append(QLatin1StringView("jobs"));
        w.startArray(2);
        w.startMap(); // open
        w.append(QLatin1StringView("seq"));
        w.append(7);
        w.append(QLatin1StringView("dropped"));
        w.append(1);
        w.append(QLatin1StringView("command"));
        w.append(QLatin1StringView("echo a"));
        w.endMap();
        w.startMap(30);
        for (int i = 0; i < 30; ++i) {
            w.append(QLatin1StringView(i % 6 == 5 ? "other" : "seq"));
            w.append(i);
        }
        w.endMap();
        w.endArray();
        w.endMap();
        QCborParserError error;
        const QByteArray pruned = kSeqAndCommand.prune(page.constData(), page.size());
        const QCborArray jobs = QCborValue::fromCbor(pruned, &error)
                                        .toMap()
                                        .value(QLatin1StringView("jobs"))
                                        .toArray();
        QCOMPARE(error.error, QCborError::NoError);
        QCOMPARE(jobs.at(0).toMap(), (QCborMap{{QLatin1StringView("seq"), 7},
                                               {QLatin1StringView("command"),
                                                QLatin1StringView("echo a")}}));
        const QCborMap many = jobs.at(1).toMap();
        QCOMPARE(many.size(), 25);
        QCOMPARE(many.value(QLatin1StringView("seq")).toInteger(), 0);
        QVERIFY(!many.contains(QLatin1StringView("other")));
    }

    void aCutPageIsNotPrunedAndAFrameWithoutRecordsIsLeftWhole()
    {
        const QByteArray page = pageOf(true);
        for (qsizetype cut = 1; cut < page.size(); ++cut) // never a valid page made of a cut one
            QVERIFY2(kSeqAndCommand.prune(page.constData(), cut).isEmpty(), QByteArray::number(cut).constData());
        const QByteArray status = QCborMap{{QLatin1StringView("type"),
                                            QLatin1StringView("status")}}.toCborValue().toCbor();
        QVERIFY(kSeqAndCommand.prune(status.constData(), status.size()).isEmpty());
        FrameReader reader;
        reader.pruneRecords(kSeqAndCommand);
        reader.feed(framed(status));
        QCborMap got;
        QString error;
        QCOMPARE(reader.next(&got, &error), FrameReader::Result::Message);
        QCOMPARE(protocol::typeOf(got), QStringLiteral("status"));
    }

    void aPrunedConnectionDecodesOnItsThreadInOrderAndTellsAnErrorAfterIt()
    {
        // The window's watch: its pages pruned and decoded beside the event loop, the messages
        // told in the order sent, and a frame that is no message ends it after those before.
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath("s")));
        QLocalSocket engine;
        engine.connectToServer(dir.filePath("s"));
        QVERIFY(server.waitForNewConnection(10000));
        PeerConnection window(server.nextPendingConnection());
        window.pruneRecords(kSeqAndCommand);
        QList<QCborMap> got;
        qsizetype toldBeforeClosed = -1;
        connect(&window, &PeerConnection::messageReceived, this,
                [&got](const QCborMap &m) { got << m; });
        connect(&window, &PeerConnection::closed, this,
                [&](const QString &) { toldBeforeClosed = got.size(); });
        QSignalSpy closed(&window, &PeerConnection::closed);
        const QByteArray page = pageOf(true);
        const QCborMap status{{QLatin1StringView("type"), QLatin1StringView("status")}};
        for (int i = 0; i < 12; ++i)
            engine.write(framed(page));
        engine.write(framed(status.toCborValue().toCbor()));
        engine.write(framed(QCborValue(7).toCbor())); // not a map
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 20000);
        QCOMPARE(closed.at(0).at(0).toString(),
                 QStringLiteral("a frame that is not a message (a CBOR map with a \"type\")"));
        QCOMPARE(toldBeforeClosed, 13);
        QCOMPARE(got.size(), 13);
        FrameReader reader;
        reader.pruneRecords(kSeqAndCommand);
        reader.feed(framed(page));
        QCborMap expected;
        QString error;
        QCOMPARE(reader.next(&expected, &error), FrameReader::Result::Message);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(got.at(i), expected);
        QCOMPARE(got.at(12), status);
    }

    void peerThatStopsReadingIsDroppedAndToldWhy()
    {
        QTemporaryDir dir;
        QLocalServer server;
        QVERIFY(server.listen(dir.filePath("s")));
        QLocalSocket client;
        client.connectToServer(dir.filePath("s"));
        QVERIFY(server.waitForNewConnection(10000));
        PeerConnection peer(server.nextPendingConnection());
        QSignalSpy closed(&peer, &PeerConnection::closed);
        const QCborMap big = protocol::message(
                protocol::type::output, { { QStringLiteral("data"), QByteArray(1 << 20, 'y') } });
        for (int i = 0; i < 20 && peer.isOpen(); ++i)
            peer.send(big); // the client reads nothing meanwhile
        QCOMPARE(closed.count(), 1);
        QVERIFY(closed.at(0).at(0).toString().startsWith("dropped: "));
        QVERIFY(peer.pendingBytes() < protocol::kMaxSendBytes);
        // The client, reading at last, finds its reason as the last frame.
        FrameReader reader;
        QCborMap last;
        QDeadlineTimer deadline(20000);
        while ((client.state() == QLocalSocket::ConnectedState || client.bytesAvailable() > 0)
               && !deadline.hasExpired()) {
            if (client.bytesAvailable() == 0 && !client.waitForReadyRead(100)) {
                QCoreApplication::processEvents();
                continue;
            }
            reader.feed(client.readAll());
            QCborMap m;
            QString error;
            while (reader.next(&m, &error) == FrameReader::Result::Message)
                last = m;
        }
        QCOMPARE(protocol::typeOf(last), protocol::type::error);
        QCOMPARE(last.value(QStringLiteral("reason")).toString(), closed.at(0).at(0).toString());
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
