#pragma once

// The test notification server (notifyserver.cpp) as a test drives it: started on the private
// session bus ctest gives the test (dbus-run-session), its NOTIFY lines read as they come.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QProcess>
#include <QStringList>

namespace notifytest {

class Server
{
public:
    ~Server() { stop(); }

    /// Starts it (with `--invoke KEY` if given) and waits for it to own the name.
    bool start(const QStringList &args = {}, int deadlineMs = 30000)
    {
        m_output.clear();
        m_process.start(QStringLiteral(PROCDECK_NOTIFYSERVER_PATH), args);
        if (!m_process.waitForStarted(deadlineMs))
            return false;
        QDeadlineTimer deadline(deadlineMs);
        while (!m_output.contains("READY\n") && !deadline.hasExpired())
            if (m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                m_output += m_process.readAllStandardOutput();
        return m_output.contains("READY\n");
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(30000);
        }
    }
    /// The NOTIFY lines so far: NOTIFY, id, app, summary, body, actions, desktop entry (tabs).
    QStringList notifications()
    {
        m_output += m_process.readAllStandardOutput();
        QStringList lines;
        for (const QByteArray &line : m_output.split('\n'))
            if (line.startsWith("NOTIFY\t"))
                lines << QString::fromUtf8(line);
        return lines;
    }
    /// Everything it printed so far.
    const QByteArray &output()
    {
        m_output += m_process.readAllStandardOutput();
        return m_output;
    }

private:
    QProcess m_process;
    QByteArray m_output;
};

} // namespace notifytest
