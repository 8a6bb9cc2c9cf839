#include "pseudoterminal.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace procdeck {

PseudoTerminal::PseudoTerminal(QObject *parent) : QObject(parent) {}

PseudoTerminal::~PseudoTerminal()
{
    close();
}

void PseudoTerminal::close()
{
    for (int *fd : {&m_master, &m_slave}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
}

bool PseudoTerminal::open(int *errnoValue)
{
    close();
    m_master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    char name[128];
    if (m_master < 0 || ::grantpt(m_master) != 0 || ::unlockpt(m_master) != 0
        || ::ptsname_r(m_master, name, sizeof name) != 0) {
        *errnoValue = errno;
        close();
        return false;
    }
    m_slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_slave < 0) {
        *errnoValue = errno;
        close();
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

void PseudoTerminal::attachInChild() const noexcept
{
    ::setsid();
    ::ioctl(m_slave, TIOCSCTTY, 0);
    // dup2 clears close-on-exec on the copies; the slave's own descriptor closes at exec.
    ::dup2(m_slave, STDOUT_FILENO);
    ::dup2(m_slave, STDERR_FILENO);
}

void PseudoTerminal::closeSlave()
{
    if (m_slave >= 0) {
        ::close(m_slave);
        m_slave = -1;
    }
}

void PseudoTerminal::endInput()
{
    // Non-canonical with VMIN = VTIME = 0: every read returns at once, and with nothing typed it
    // returns 0, which is end-of-file to the reader, however often it reads. (One Ctrl+D would
    // end one read only: `read a; read b` would wait for ever on the second.) Only while the job
    // keeps these modes: that is why its stdin is not the terminal.
    termios settings{};
    if (m_slave >= 0 && ::tcgetattr(m_slave, &settings) == 0) {
        settings.c_lflag &= ~tcflag_t(ICANON);
        settings.c_cc[VMIN] = 0;
        settings.c_cc[VTIME] = 0;
        ::tcsetattr(m_slave, TCSANOW, &settings);
    }
}

} // namespace procdeck
