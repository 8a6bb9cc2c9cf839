#include "countingsemaphore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace procdeck {

namespace {

QString hostName()
{
    return QSysInfo::machineHostName();
}

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

/// An entry's holder still runs here (kill(pid, 0): it exists, ours to signal or not).
bool runs(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

CountingSemaphore::CountingSemaphore(const QString &name, int count, const QString &root)
    : m_folder(QDir(root).filePath(folderName(name))),
      m_lockFile(m_folder + QLatin1String(".lock")),
      m_count(count)
{
}

CountingSemaphore::~CountingSemaphore()
{
    release();
}

QString CountingSemaphore::defaultRoot()
{
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::home().filePath(QStringLiteral(".local/state"));
    return QDir(state).filePath(QStringLiteral("procdeck/semaphores"));
}

QString CountingSemaphore::folderName(const QString &name)
{
    QString folder = QStringLiteral("id-");
    for (const char c : name.toUtf8()) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_';
        folder += word ? QString(QLatin1Char(c))
                       : QString::number(uchar(c), 16).rightJustified(2, QLatin1Char('0'));
    }
    return folder;
}

bool CountingSemaphore::lock(QString *error)
{
    if (!QDir().mkpath(m_folder)) {
        *error = QStringLiteral("cannot create the semaphore folder '%1'").arg(m_folder);
        return false;
    }
    m_lockFd = ::open(QFile::encodeName(m_lockFile).constData(), O_RDWR | O_CREAT | O_CLOEXEC,
                      0600);
    if (m_lockFd < 0 || ::flock(m_lockFd, LOCK_EX) != 0) { // waits while another counts
        *error = QStringLiteral("cannot lock '%1': %2").arg(m_lockFile, systemError());
        unlock();
        return false;
    }
    return true;
}

void CountingSemaphore::unlock()
{
    if (m_lockFd >= 0)
        ::close(m_lockFd); // the flock goes with it
    m_lockFd = -1;
}

QString CountingSemaphore::entryFor(qint64 pid) const
{
    return QDir(m_folder).filePath(QStringLiteral("%1@%2").arg(pid).arg(hostName()));
}

int CountingSemaphore::countLiveEntries()
{
    int live = 0;
    const QString suffix = QLatin1Char('@') + hostName();
    const QStringList entries = QDir(m_folder).entryList(QDir::Files);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.section(QLatin1Char('@'), 0, 0).toLongLong(&isPid);
        if (isPid && entry.endsWith(suffix) && !runs(pid))
            QFile::remove(QDir(m_folder).filePath(entry)); // it ended without releasing
        else
            ++live; // (another host's holders are counted as parallel counts them)
    }
    return live;
}

bool CountingSemaphore::makeEntry(QString *error)
{
    const QString entry = entryFor(::getpid());
    QFile file(entry);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write '%1': %2").arg(entry, file.errorString());
        return false;
    }
    m_entry = entry;
    return true;
}

bool CountingSemaphore::tryAcquire(QString *error)
{
    error->clear();
    if (!m_entry.isEmpty())
        return true;
    if (!lock(error))
        return false;
    const bool room = countLiveEntries() < m_count;
    const bool made = room && makeEntry(error);
    unlock();
    return made;
}

CountingSemaphore::Outcome CountingSemaphore::acquire(double timeoutSeconds, QString *error)
{
    const QDeadlineTimer deadline(timeoutSeconds == 0 ? -1 : qint64(qAbs(timeoutSeconds) * 1000));
    int pauseMs = 1;
    while (!tryAcquire(error)) {
        if (!error->isEmpty())
            return Outcome::Failed;
        if (deadline.hasExpired()) {
            if (timeoutSeconds < 0)
                return Outcome::TimedOutGaveUp;
            return makeEntry(error) ? Outcome::TimedOutTaken : Outcome::Failed;
        }
        // Polled, as parallel's: a holder may end by being killed, which tells no one.
        QThread::msleep(ulong(pauseMs));
        pauseMs = qMin(pauseMs * 2, 50);
    }
    return Outcome::Acquired;
}

bool CountingSemaphore::adopt(qint64 parentPid)
{
    const QString entry = entryFor(::getpid());
    if (::rename(QFile::encodeName(entryFor(parentPid)).constData(),
                 QFile::encodeName(entry).constData())
        != 0)
        return false;
    m_entry = entry;
    return true;
}

void CountingSemaphore::release()
{
    if (m_entry.isEmpty())
        return;
    QFile::remove(m_entry);
    m_entry.clear();
    // The folder is left: removing it while another counts would need the lock for nothing.
}

int CountingSemaphore::holders()
{
    QString error;
    if (!lock(&error))
        return 0;
    const int live = countLiveEntries();
    unlock();
    return live;
}

} // namespace procdeck
