#include "clientoptions.h"

#include "clientcommands.h"
#include "core/process/jobsignals.h"
#include "core/protocol/protocol.h"

#include <QCommandLineParser>

#include <algorithm>

#include <cstdio>

namespace clientoptions {

using clientcommands::fail;

namespace {

QString name(const char *text)
{
    return QString::fromLatin1(text);
}

/// The job numbers given as arguments; false with a line on stderr for one that is not.
bool numbers(const QStringList &args, QList<int> *out)
{
    for (const QString &arg : args) {
        bool ok = false;
        const int n = arg.toInt(&ok);
        if (!ok || n <= 0) {
            fail(QStringLiteral("not a job number: '%1'").arg(arg));
            return false;
        }
        *out << n;
    }
    return true;
}

} // namespace

bool isClientForm(const QStringList &args)
{
    static const QStringList commands{name("--status"), name("--wait"),  name("--kill"),
                                      name("--pause"),  name("--follow"), name("--stop-engine")};
    const bool jobLog = std::any_of(args.cbegin(), args.cend(), [](const QString &a) {
        return a == name("--joblog") || a.startsWith(name("--joblog="));
    });
    // GNU parallel's --wait with --semaphore, --id …: its semaphore's (sem --wait --id X).
    static const QStringList semaphore{name("--semaphore"), name("--id"), name("--semaphorename"),
                                       name("--semaphore-name"), name("--fg"), name("--bg")};
    for (const QString &a : args) {
        if (a == name("--") || a.startsWith(name(":::")) || semaphore.contains(a))
            return false;
        if (commands.contains(a.section(u'=', 0, 0)) || (a == name("--resume") && !jobLog))
            return true;
    }
    return false;
}

void addTo(QCommandLineParser &parser)
{
    parser.addOptions({
            {name("detach"),
             name("Hand the jobs to your engine (started if none runs), print each job's number, "
                  "one a line, and exit at once.")},
            {name("status"),
             name("A line per job of your engine (number, state, elapsed, exit code, command); "
                  "with --json one object.")},
            {name("follow"),
             name("Job N's stdout (stderr to stderr) from its start until it ends; exits with its "
                  "status (128 + a signal's number, 124 when it timed out)."),
             name("N")},
            {name("wait"),
             name("Wait until jobs N... (none given: every job queued, running or paused now) "
                  "have ended; GNU parallel's exit status. With --export FILE: their run log.")},
            {name("kill"), name("Kill jobs N... of your engine (a queued one is cancelled).")},
            {name("signal"),
             name("With --kill: send signal NAME (HUP, USR1, SIGUSR2, a number…) to each job's "
                  "whole tree instead; STOP pauses it, CONT resumes it."),
             name("NAME")},
            {name("pause"), name("Pause jobs N... of your engine with their process trees.")},
            // --resume N... is the one of --joblog's --resume given without --joblog.
            {name("stop-engine"),
             name("Stop your engine: its jobs get SIGTERM, SIGKILL after their grace; exits 0 "
                  "once it is gone.")},
    });
}

bool detaches(const QCommandLineParser &parser)
{
    return parser.isSet(name("detach"));
}

int run(const QCommandLineParser &parser)
{
    namespace type = procdeck::protocol::type;
    const QStringList commands{name("status"), name("follow"), name("wait"), name("kill"),
                               name("pause"), name("resume"), name("stop-engine")};
    QStringList given;
    for (const QString &c : commands) {
        // --resume with --joblog: skip what the joblog has (procdeck-cli runs the jobs itself).
        if (parser.isSet(c) && (c != name("resume") || !parser.isSet(name("joblog"))))
            given << QStringLiteral("--") + c;
    }
    if (given.isEmpty())
        return -1;
    if (given.size() > 1 || detaches(parser))
        return fail(QStringLiteral("%1: one at a time")
                            .arg((detaches(parser) ? given + QStringList{name("--detach")} : given)
                                         .join(QStringLiteral(", "))));
    QList<int> jobs;
    if (!numbers(parser.positionalArguments(), &jobs))
        return 255;
    const QString command = given.first().mid(2);
    if (command == name("status"))
        return clientcommands::status(parser.isSet(name("json")));
    if (command == name("follow")) {
        QList<int> one;
        if (!numbers({parser.value(name("follow"))}, &one))
            return 255;
        return clientcommands::follow(one.first());
    }
    if (command == name("wait"))
        return clientcommands::wait(jobs, parser.value(name("export")),
                                    parser.value(name("format")));
    if (command == name("stop-engine"))
        return clientcommands::stopEngine();
    if (jobs.isEmpty())
        return fail(QStringLiteral("%1: which jobs? (--%2 N...)").arg(given.first(), command));
    int sig = 0;
    if (parser.isSet(name("signal"))) {
        QString error;
        if (command != name("kill"))
            return fail(QStringLiteral("--signal goes with --kill"));
        if (!procdeck::JobSignals::parse(parser.value(name("signal")), &sig, &error))
            return fail(QStringLiteral("--signal: %1").arg(error));
    }
    return clientcommands::steer(command == name("kill")    ? type::kill
                                 : command == name("pause") ? type::pause
                                                            : type::resume,
                                 jobs, sig);
}

} // namespace clientoptions
