#include "clientcommands.h"

#include "core/parallel/joboptions.h"
#include "core/protocol/protocol.h"
#include "core/client/engineclient.h"
#include "core/client/submitrequest.h"
#include "core/process/proctable.h"
#include "types/cborkey.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstdio>

using namespace procdeck;
using clientcommands::fail;
namespace type = procdeck::protocol::type;

namespace {

QString clientName()
{
    return QStringLiteral("procdeck-cli %1").arg(QCoreApplication::applicationVersion());
}

/// One request, one answer; the answer's type must be `expected`. 255 and a line when not.
bool ask(EngineClient &client, const QCborMap &request, const QString &expected,
         QCborMap *answer, int *status)
{
    QString error;
    if (!client.send(request) || !client.receive(answer, &error)) {
        *status = fail(error.isEmpty() ? QStringLiteral("the engine went away") : error);
        return false;
    }
    if (protocol::typeOf(*answer) == QStringLiteral("refused")) {
        *status = fail(answer->value(cborKey("reason")).toString());
        return false;
    }
    if (protocol::typeOf(*answer) != expected) {
        *status = fail(QStringLiteral("the engine answered '%1'").arg(protocol::typeOf(*answer)));
        return false;
    }
    return true;
}

} // namespace

namespace clientcommands {

int fail(const QString &message)
{
    std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(message));
    return 255;
}

int detach(const RunRequest &request)
{
    // What would be written as the jobs end has nobody to write it: the launcher is gone.
    if (!request.exportPath.isEmpty() || !request.jobLogPath.isEmpty())
        return fail(QStringLiteral("--export and --joblog do not go with --detach: give "
                                   "--export FILE to --wait, which writes it once they ended"));
    if (const QString why = submitrequest::whyNotForEngine(request); !why.isEmpty())
        return fail(why + QStringLiteral("; run without --detach"));
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::StartingOne, &error))
        return fail(error);
    const QCborMap submit =
            submitrequest::make(request.jobs, submitrequest::optionsOf(request));
    QCborMap answer;
    int status = 0;
    if (!ask(client, submit, type::submitted, &answer, &status))
        return status;
    QByteArray out;
    for (const QCborValue &n : answer.value(cborKey("numbers")).toArray())
        out += QByteArray::number(n.toInteger()) + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    return 0;
}

} // namespace clientcommands

namespace {

/// A --status line: number, state, elapsed, exit code, command.
QByteArray statusLine(const QJsonObject &job)
{
    const QJsonValue code = job.value(cborKey("exit_code"));
    const QString line = QStringLiteral("%1  %2 %3 %4  %5\n")
                                 .arg(job.value(cborKey("seq")).toInt(), 5)
                                 .arg(job.value(cborKey("state")).toString(), -13)
                                 .arg(QStringLiteral("%1 s").arg(
                                              job.value(cborKey("duration_s")).toDouble(), 0,
                                              'f', 1),
                                      10)
                                 .arg(code.isNull() ? QStringLiteral("-")
                                                    : QString::number(code.toInt()),
                                      4)
                                 .arg(job.value(cborKey("command")).toString());
    return line.toUtf8();
}

/// A process that exists and is not a zombie (one its new parent has not collected yet is gone).
bool isAlive(pid_t pid)
{
    proctable::ProcessInfo info;
    if (!proctable::readProcess(pid, &info))
        return ::kill(pid, 0) == 0 || errno != ESRCH;
    return info.alive();
}

void print(const QByteArray &bytes, FILE *to = stdout)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), to);
}

} // namespace

namespace clientcommands {

int status(bool json)
{
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::IfRunning, &error)) {
        if (!error.isEmpty())
            return fail(error);
        // No engine: no jobs, which is an answer, not an error.
        if (json)
            print(R"({"engine_pid": null, "started": null, "jobs": []})" "\n");
        return 0;
    }
    QCborMap answer;
    int code = 0;
    if (!ask(client, protocol::message(type::status), type::status, &answer, &code))
        return code;
    const QCborMap head = answer;
    QJsonArray jobs;
    for (;;) {
        if (!client.receive(&answer, &error))
            return fail(error);
        if (protocol::typeOf(answer) == type::end)
            break;
        for (const QCborValue &job : answer.value(cborKey("jobs")).toArray()) {
            if (json)
                jobs << job.toJsonValue();
            else
                print(statusLine(job.toMap().toJsonObject()));
        }
    }
    if (json) {
        const QJsonObject all{{cborKey("engine_pid"), client.enginePid()},
                              {cborKey("started"), client.engineStarted()},
                              {cborKey("clients"), head.value(cborKey("clients")).toInteger()},
                              {cborKey("waits"), head.value(cborKey("waits")).toInteger()},
                              {cborKey("jobs"), jobs}};
        print(QJsonDocument(all).toJson(QJsonDocument::Compact) + '\n');
    }
    return 0;
}

int follow(int number)
{
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::IfRunning, &error))
        return fail(error.isEmpty() ? QStringLiteral("no job %1").arg(number) : error);
    if (!client.send(protocol::message(type::follow, {{cborKey("job"), number}})))
        return fail(QStringLiteral("the engine went away"));
    for (;;) {
        QCborMap m;
        if (!client.receive(&m, &error))
            return fail(error);
        const QString kind = protocol::typeOf(m);
        if (kind == QStringLiteral("refused"))
            return fail(m.value(cborKey("reason")).toString());
        if (kind == type::output) {
            const bool isErr = m.value(cborKey("stream")).toString() == QStringLiteral("stderr");
            FILE *to = isErr ? stderr : stdout;
            print(m.value(cborKey("data")).toByteArray(), to);
            std::fflush(to); // as it comes: a person is watching
        } else if (kind == type::ended) {
            return int(m.value(cborKey("exit_status")).toInteger(255));
        }
    }
}

int wait(const QList<int> &numbers, const QString &exportPath, const QString &exportFormat)
{
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::IfRunning, &error)) {
        if (!error.isEmpty())
            return fail(error);
        if (!numbers.isEmpty())
            return fail(QStringLiteral("no job %1 (no engine runs)").arg(numbers.first()));
        return 0; // nothing queued, running or paused
    }
    QCborMap request = protocol::message(type::wait,
                                         {{cborKey("jobs"), protocol::numberArray(numbers)}});
    if (!exportPath.isEmpty()) {
        request.insert(cborKey("export"), QDir::current().absoluteFilePath(exportPath));
        request.insert(cborKey("export_format"), exportFormat);
    }
    QCborMap answer;
    int code = 0;
    if (!ask(client, request, type::waited, &answer, &code))
        return code;
    if (const QString e = answer.value(cborKey("export_error")).toString(); !e.isEmpty())
        return fail(e);
    return int(answer.value(cborKey("exit_status")).toInteger(255));
}

int steer(const QString &kind, const QList<int> &numbers, int signal)
{
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::IfRunning, &error)) {
        return fail(error.isEmpty() ? QStringLiteral("no job %1 (no engine runs)")
                                              .arg(numbers.value(0))
                                    : error);
    }
    QCborMap answer;
    int code = 0;
    QCborMap request{{cborKey("jobs"), protocol::numberArray(numbers)}};
    if (signal > 0) // a message of its own: an engine from before it closes, kills nothing
        request.insert(cborKey("signal"), signal);
    if (!ask(client, protocol::message(signal > 0 ? type::signal : kind, request), type::steered,
             &answer, &code))
        return code;
    for (const QCborValue &v : answer.value(cborKey("not_done")).toArray()) {
        const QCborMap nd = v.toMap();
        std::fprintf(stderr, "procdeck-cli: job %lld: not done: %s\n",
                     static_cast<long long>(nd.value(cborKey("job")).toInteger()),
                     qPrintable(nd.value(cborKey("reason")).toString()));
    }
    return 0;
}

int stopEngine()
{
    EngineClient client(clientName());
    QString error;
    if (!client.connect(EngineClient::Connect::IfRunning, &error))
        return error.isEmpty() ? 0 : fail(error); // none runs: it is gone
    QCborMap answer;
    int code = 0;
    if (!ask(client, protocol::message(type::stop), type::stopping, &answer, &code))
        return code;
    // Gone means gone: its pid, not only its socket (its jobs get their grace first).
    const pid_t pid = pid_t(client.enginePid());
    while (isAlive(pid))
        QThread::msleep(20);
    return 0;
}

} // namespace clientcommands
