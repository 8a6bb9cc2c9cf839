#include "framedecoder.h"

#include "framereader.h"

namespace procdeck {

FrameDecoder::FrameDecoder(const RecordPruner &pruner, QObject *parent)
    : QObject(parent), m_pruner(pruner), m_onThread(new QObject)
{
    m_thread.setObjectName(QStringLiteral("procdeck frame decoder"));
    m_onThread->moveToThread(&m_thread);
    m_thread.start();
}

FrameDecoder::~FrameDecoder()
{
    m_stopping = true;
    m_thread.quit();
    m_thread.wait();
    delete m_onThread; // its thread is over: what was still posted to it goes with it
}

void FrameDecoder::decode(QByteArray frame)
{
    ++m_inFlight;
    QMetaObject::invokeMethod(
            m_onThread,
            [this, frame = std::move(frame)] {
                if (m_stopping)
                    return;
                QCborMap message;
                QString error;
                FrameReader::decode(frame, &m_pruner, &message, &error);
                // Posted to this object's thread in order; gone with it if it is destroyed.
                QMetaObject::invokeMethod(
                        this, [this, message, error] { answer(message, error); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void FrameDecoder::answer(const QCborMap &message, const QString &error)
{
    --m_inFlight;
    if (error.isEmpty())
        emit decoded(message);
    else
        emit failed(error);
}

} // namespace procdeck
