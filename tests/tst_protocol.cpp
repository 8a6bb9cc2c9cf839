// The engine's frames (docs/protocol.md), alone: what FrameReader takes and refuses, and a
// peer that stops reading, dropped with its reason once its queue passes the bound.
#include "core/protocol/framereader.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"

#include <QCborArray>
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
            reader.feed(bytes);
            QCborMap got;
            QString error;
            while (reader.next(&got, &error) == FrameReader::Result::Message) { }
            QVERIFY(reader.held() <= bytes.size());
        }
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
