#include "enginejobs.h"

#include "engineconnection.h"
#include "protocol/protocol.h"
#include "types/cborkey.h"

#include <QCborArray>

namespace procdeck {

namespace type = protocol::type;

namespace {

/// What the window reads of a job's record: its spec, its batch, where and when it ran, how it
/// ended, how much output it wrote (the Background tab: how long it was paused). The watch sends
/// every field of the JSON Lines export, ~3.7 KB a job as a QCborMap; kept for each of 100,000
/// ended jobs that would be the window's largest part, and decoding them all was most of the
/// attach's time: the rest is cut from each record before it is decoded (RecordPruner).
RecordPruner windowFields()
{
    return RecordPruner(QLatin1StringView("jobs"),
                        {QLatin1StringView("seq"), QLatin1StringView("batch"),
                         QLatin1StringView("command"), QLatin1StringView("label"),
                         QLatin1StringView("cwd"), QLatin1StringView("encoding"),
                         QLatin1StringView("started"), QLatin1StringView("state"),
                         QLatin1StringView("duration_s"), QLatin1StringView("paused_s"),
                         QLatin1StringView("executor"), QLatin1StringView("host"),
                         QLatin1StringView("slurm_job_id"), QLatin1StringView("exit_code"),
                         QLatin1StringView("signal_number"), QLatin1StringView("error"),
                         QLatin1StringView("timed_out"), QLatin1StringView("pid"),
                         QLatin1StringView("stdout_bytes"), QLatin1StringView("stderr_bytes"),
                         QLatin1StringView("stdout_lines"), QLatin1StringView("stderr_lines"),
                         QLatin1StringView("values")});
}

} // namespace

EngineJobs::EngineJobs(QString client, QObject *parent)
    : QObject(parent), m_client(std::move(client)),
      m_connection(new EngineConnection(m_client, this)),
      m_follows(new FollowChannel(m_client, this))
{
    m_connection->pruneRecords(windowFields());
    connect(m_connection, &EngineConnection::attached, this, &EngineJobs::onAttached);
    connect(m_connection, &EngineConnection::failed, this, &EngineJobs::onFailed);
    connect(m_connection, &EngineConnection::messageReceived, this, &EngineJobs::onMessage);
    connect(m_connection, &EngineConnection::lost, this, &EngineJobs::onLost);
}

void EngineJobs::onLost(const QString &reason)
{
    for (const Pending &asked : std::exchange(m_asked, {})) {
        if (asked.submitted)
            asked.submitted({}, reason);
        if (asked.steered)
            asked.steered(false, reason);
    }
    // Its numbers mean nothing to the next engine: the jobs mirrored are told, and forgotten.
    m_lostReason = reason;
    m_maxParallel = 0;
    ++m_generation;
    m_records.clear();
    for (const RecordTaker &take : std::exchange(m_takers, {}))
        take({});
    emit lost(reason);
}

EngineJobs::~EngineJobs() = default;

bool EngineJobs::isAttached() const
{
    return m_connection->isAttached();
}

QString EngineJobs::engineSeen() const
{
    return QStringLiteral("%1 %2").arg(m_connection->enginePid())
            .arg(m_connection->engineStarted());
}

void EngineJobs::attachIfRunning()
{
    if (!m_connection->isAttached() && !m_connection->isOpening())
        m_connection->open(false);
}

void EngineJobs::submit(const QList<JobSpec> &jobs, const submitrequest::Options &options,
                        Submitted then)
{
    request({type::submit, std::move(then), {}}, submitrequest::make(jobs, options));
}

void EngineJobs::setMaxParallel(int n)
{
    n = qBound(1, n, kMostParallel);
    // Not attached: the window's own limit; the next submit carries it. An engine from before
    // `parallel` would close the connection on it.
    if (!isAttached() || m_maxParallel == 0 || m_maxParallel == n)
        return;
    m_maxParallel = n; // its answer and the watch's say the same; another client's may follow
    m_connection->send(protocol::message(type::parallel, {{cborKey("max_parallel"), n}}));
}

void EngineJobs::steer(const QString &kind, int number, Steered then, QCborMap fields)
{
    fields.insert(cborKey("jobs"), protocol::numberArray({number}));
    request({kind, {}, std::move(then)}, protocol::message(kind, fields));
}

void EngineJobs::again(const QList<int> &numbers, Submitted then)
{
    request({type::submit, std::move(then), {}},
            protocol::message(type::again, {{cborKey("jobs"), protocol::numberArray(numbers)}}));
}

int EngineJobs::pendingSubmits() const
{
    const auto isSubmit = [](const Pending &p) { return p.kind == type::submit; };
    return int(std::count_if(m_asked.cbegin(), m_asked.cend(), isSubmit)
               + std::count_if(m_unsent.cbegin(), m_unsent.cend(),
                               [&](const auto &u) { return isSubmit(u.first); }));
}

void EngineJobs::watchJob(int number, RecordTaker take)
{
    if (!take) {
        m_takers.remove(number);
        return;
    }
    m_takers.insert(number, take);
    if (const auto it = m_records.constFind(number); it != m_records.cend())
        take(*it);
}

void EngineJobs::request(Pending pending, const QCborMap &message)
{
    if (m_connection->isAttached()) {
        m_asked << std::move(pending);
        m_connection->send(message);
        return;
    }
    const bool start = pending.kind == type::submit; // a job handed over starts the engine
    m_unsent.append({std::move(pending), message});
    if (m_connection->isOpening())
        m_startWanted = m_startWanted || start;
    else
        m_connection->open(start);
}

void EngineJobs::onAttached()
{
    m_listing = true;
    m_connection->send(protocol::message(type::watch));
    m_maxParallel = m_connection->maxParallelAtHello();
    if (m_maxParallel > 0)
        emit maxParallelChanged(m_maxParallel);
    for (auto &[pending, message] : std::exchange(m_unsent, {})) {
        m_asked << std::move(pending);
        m_connection->send(message);
    }
    emit attached();
}

void EngineJobs::onFailed(const QString &reason)
{
    if (std::exchange(m_startWanted, false)) { // a submit came while an attach without one ran
        m_connection->open(true);
        return;
    }
    for (const auto &[pending, message] : std::exchange(m_unsent, {})) {
        if (pending.submitted)
            pending.submitted({}, reason);
        if (pending.steered)
            pending.steered(false, reason);
    }
}

void EngineJobs::onMessage(const QCborMap &message)
{
    const QString kind = protocol::typeOf(message);
    if (kind == type::submitted || kind == type::steered || kind == type::refused) {
        onAnswer(message);
    } else if (kind == type::jobs || kind == type::changed) {
        emit watched(message);
        takeRecords(message.value(cborKey("jobs")).toArray());
    } else if (kind == type::end) {
        emit watched(message);
        if (std::exchange(m_listing, false))
            emit listed();
    } else if (kind == type::parallel) {
        const int n = int(qBound(qint64(1), message.value(cborKey("max_parallel")).toInteger(1),
                                 qint64(kMostParallel)));
        if (std::exchange(m_maxParallel, n) != n)
            emit maxParallelChanged(n);
    }
}

void EngineJobs::onAnswer(const QCborMap &answer)
{
    if (m_asked.isEmpty())
        return;
    const Pending asked = m_asked.takeFirst();
    const QString kind = protocol::typeOf(answer);
    const QString reason = answer.value(cborKey("reason")).toString();
    if (asked.submitted) {
        QList<int> numbers;
        for (const QCborValue &n : answer.value(cborKey("numbers")).toArray())
            numbers << int(n.toInteger());
        asked.submitted(numbers, kind == type::refused ? reason : QString());
    }
    if (!asked.steered)
        return;
    if (kind == type::refused)
        return asked.steered(false, reason);
    const QCborArray notDone = answer.value(cborKey("not_done")).toArray();
    asked.steered(notDone.isEmpty(), notDone.isEmpty() ? QString()
                          : notDone.first().toMap().value(cborKey("reason")).toString());
}

void EngineJobs::takeRecords(const QCborArray &records)
{
    QList<int> appearing;
    for (const QCborValue &value : records) {
        const QCborMap record = value.toMap(); // its fields cut already (windowFields())
        const int number = int(record.value(QLatin1StringView("seq")).toInteger());
        if (number <= 0)
            continue;
        auto it = m_records.find(number);
        if (it == m_records.end()) {
            appearing << number;
            m_records.insert(number, record);
        } else {
            *it = record;
        }
        if (const auto take = m_takers.constFind(number); take != m_takers.cend())
            (*take)(record);
    }
    if (!appearing.isEmpty())
        emit appeared(appearing, m_listing);
}

} // namespace procdeck
