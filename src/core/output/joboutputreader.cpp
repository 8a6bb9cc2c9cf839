#include "joboutputreader.h"

#include "joboutput.h"

#include <cerrno>
#include <utility>
#include <fcntl.h>
#include <unistd.h>

namespace procdeck {

namespace {
void closeAll(int (&fds)[2])
{
    for (int &fd : fds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}
} // namespace

JobOutputReader::JobOutputReader(JobOutput &output, QObject *parent)
    : QObject(parent), m_output(output)
{ }

JobOutputReader::~JobOutputReader()
{
    stop();
}

void JobOutputReader::stop()
{
    if (m_channel)
        OutputPump::instance().detach(std::exchange(m_channel, nullptr));
    closeAll(m_readEnds);
    closeAll(m_childEnds);
}

bool JobOutputReader::open(int *errnoValue)
{
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        *errnoValue = errno;
        closeAll(out);
        closeAll(err);
        return false;
    }
    m_readEnds[0] = out[0];
    m_readEnds[1] = err[0];
    m_childEnds[0] = out[1];
    m_childEnds[1] = err[1];
    return true;
}

bool JobOutputReader::openTerminal(int masterFd, int *errnoValue)
{
    // The pump reads and closes a copy: the terminal itself stays the job's until it ends.
    m_readEnds[0] = ::fcntl(masterFd, F_DUPFD_CLOEXEC, 0);
    if (m_readEnds[0] < 0)
        *errnoValue = errno;
    return m_readEnds[0] >= 0;
}

void JobOutputReader::start(bool failFirstRead)
{
    closeAll(m_childEnds);
    OutputPump::Handlers handlers;
    handlers.arrived = [this] { emit arrived(); };
    handlers.drained = [this] { emit drained(); };
    handlers.readFailed = [this](int error) { emit readFailed(error); };
    m_channel = OutputPump::instance().attach(m_readEnds[0], m_readEnds[1], m_output.sharedStdout(),
                                              m_output.sharedStderr(), this, std::move(handlers),
                                              failFirstRead);
    m_readEnds[0] = m_readEnds[1] = -1; // the pump's now
}

bool JobOutputReader::publish()
{
    if (m_channel)
        OutputPump::rearm(*m_channel);
    return m_output.publish();
}

void JobOutputReader::drain(int deadlineMs)
{
    if (m_channel && !OutputPump::hasEnded(*m_channel))
        OutputPump::instance().drain(m_channel, deadlineMs);
    else
        emit drained(); // at their end already (a short job's usual case): no round trip
}

} // namespace procdeck
