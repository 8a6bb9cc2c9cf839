#include "pseudoterminal.h"

#include "outputlog.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace procdeck {

namespace {
constexpr qsizetype kReadChunk = 16 * 1024;
}

PseudoTerminal::PseudoTerminal(QObject *parent) : QObject(parent) {}

PseudoTerminal::~PseudoTerminal()
{
    closeFds();
}

void PseudoTerminal::closeFds()
{
    if (m_notifier) {
        // This may run inside the notifier's own signal: it goes later.
        m_notifier->setEnabled(false);
        m_notifier.release()->deleteLater();
    }
    for (int *fd : {&m_master, &m_slave}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
}

bool PseudoTerminal::open(int *errnoValue)
{
    closeFds();
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[128];
    if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0
        || ::ptsname_r(m_master, name, sizeof name) != 0) {
        *errnoValue = errno;
        closeFds();
        return false;
    }
    m_slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_slave < 0) {
        *errnoValue = errno;
        closeFds();
        return false;
    }
    termios settings{};
    if (::tcgetattr(m_slave, &settings) == 0) {
        settings.c_oflag &= ~tcflag_t(ONLCR); // "\n" stays "\n", as through a pipe
        ::tcsetattr(m_slave, TCSANOW, &settings);
    }
    const winsize size{kRows, kColumns, 0, 0};
    ::ioctl(m_master, TIOCSWINSZ, &size);
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    return true;
}

void PseudoTerminal::attachInChild(bool terminalStdin) const noexcept
{
    ::setsid();
    ::ioctl(m_slave, TIOCSCTTY, 0);
    // dup2 clears close-on-exec on the copies; the slave's own descriptor closes at exec.
    if (terminalStdin)
        ::dup2(m_slave, STDIN_FILENO);
    ::dup2(m_slave, STDOUT_FILENO);
    ::dup2(m_slave, STDERR_FILENO);
}

void PseudoTerminal::startReading()
{
    if (m_slave >= 0) {
        ::close(m_slave);
        m_slave = -1;
    }
    if (m_master < 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(m_master, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &PseudoTerminal::readyRead);
}

void PseudoTerminal::endInput()
{
    // Non-canonical with VMIN = VTIME = 0: every read returns at once, and with nothing typed it
    // returns 0, which is end-of-file to the reader, however often it reads; isatty() stays true.
    // (One Ctrl+D would end one read only: `read a; read b` would wait for ever on the second.)
    termios settings{};
    if (m_slave >= 0 && ::tcgetattr(m_slave, &settings) == 0) {
        settings.c_lflag &= ~tcflag_t(ICANON);
        settings.c_cc[VMIN] = 0;
        settings.c_cc[VTIME] = 0;
        ::tcsetattr(m_slave, TCSANOW, &settings);
    }
}

qint64 PseudoTerminal::readInto(OutputLog &log, qint64 maxBytes)
{
    if (m_master < 0)
        return 0;
    char buffer[kReadChunk];
    qint64 total = 0;
    while (total < maxBytes) {
        const ssize_t n = ::read(m_master, buffer, size_t(qMin<qint64>(sizeof buffer, maxBytes - total)));
        if (n > 0) {
            log.append(buffer, qsizetype(n));
            total += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        // EIO (Linux) or 0: every slave side is closed and everything was read.
        close();
        break;
    }
    return total;
}

void PseudoTerminal::close()
{
    closeFds();
}

} // namespace procdeck
