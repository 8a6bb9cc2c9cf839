#include "watchstream.h"

#include "core/models/recordframe.h"
#include "core/protocol/peerconnection.h"
#include "core/protocol/protocol.h"
#include "core/process/job.h"
#include "core/scheduling/scheduler.h"
#include "types/cborkey.h"


using namespace procdeck;
namespace type = procdeck::protocol::type;

WatchStream::WatchStream(Scheduler *scheduler, PeerConnection *peer, QObject *parent)
    : QObject(parent), m_scheduler(scheduler), m_peer(peer)
{
    connect(scheduler, &Scheduler::jobStateChanged, this, &WatchStream::onChanged);
    // Output at most ~10 Hz a job, gathered here to one record per job per kCoalesceMs; an
    // ended job's counts are whole at its end (its last record says them).
    connect(scheduler, &Scheduler::jobOutputChanged, this, [this](Job *job) {
        if (!isTerminal(job->state()))
            onChanged(job);
    });
    connect(scheduler, &Scheduler::jobsInserted, this, [this](int first, int last) {
        for (int i = first; i <= last; ++i)
            onChanged(m_scheduler->jobAt(i));
    });
    // One number for every client: a window's toolbar shows what another set (docs/protocol.md).
    connect(scheduler, &Scheduler::maxParallelChanged, this, [this](int n) {
        m_peer->send(protocol::message(protocol::type::parallel, {{cborKey("max_parallel"), n}}));
    });
    connect(peer, &PeerConnection::drained, this, &WatchStream::pump);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &WatchStream::pump);
    pump();
}

void WatchStream::onChanged(Job *job)
{
    // A job the first listing has not reached yet goes out there, as it is then.
    if (m_next >= 0 && (m_next >= m_scheduler->count()
                        || job->seq() >= m_scheduler->jobAt(m_next)->seq()))
        return;
    m_changed.insert(job->seq());
    if (m_next < 0 && !m_coalesce.isActive())
        m_coalesce.start();
}

void WatchStream::pump()
{
    if (m_next >= 0)
        sendPages();
    // Changes wait for their gathering time; a queue that was full sends them once it drains.
    if (m_next < 0 && !m_coalesce.isActive())
        sendChanges();
}

void WatchStream::sendPages()
{
    while (m_next >= 0 && m_peer->wantsMore()) {
        RecordFrame page(type::jobs);
        const int end = qMin(m_scheduler->count(), m_next + kPageJobs);
        for (; m_next < end; ++m_next)
            page.add(*m_scheduler->jobAt(m_next));
        if (page.count() > 0)
            m_peer->sendFrame(page.finish());
        if (m_next >= m_scheduler->count()) {
            m_next = -1;
            m_peer->send(protocol::message(type::end));
            if (!m_changed.empty())
                m_coalesce.start();
        }
    }
}

void WatchStream::sendChanges()
{
    while (!m_changed.empty() && m_peer->wantsMore()) {
        RecordFrame page(type::changed);
        while (!m_changed.empty() && page.count() < kPageJobs) {
            if (const Job *job = m_scheduler->jobBySeq(*m_changed.begin()))
                page.add(*job);
            m_changed.erase(m_changed.begin());
        }
        if (page.count() > 0)
            m_peer->sendFrame(page.finish());
    }
    // What is left waits for drained().
}
