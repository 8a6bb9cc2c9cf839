#include "historyrows.h"
#include "types/isotime.h"
#include "parallel/jobspecjson.h"
#include "process/proctable.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <utility>

#include <unistd.h>

namespace procdeck::historyrows {

namespace {

constexpr const char *kSchema = R"(
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    owner_pid INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    batch INTEGER NOT NULL DEFAULT 0,
    command TEXT NOT NULL,
    label TEXT,
    state TEXT NOT NULL,
    exit_code INTEGER,
    signal INTEGER,
    timed_out INTEGER NOT NULL DEFAULT 0,
    queued TEXT,
    started TEXT,
    finished TEXT,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    pid INTEGER,
    stdout_bytes INTEGER NOT NULL DEFAULT 0,
    stderr_bytes INTEGER NOT NULL DEFAULT 0,
    encoding TEXT,
    cwd TEXT,
    error TEXT,
    notes TEXT,
    stdout_file TEXT,
    stderr_file TEXT,
    spec TEXT NOT NULL,
    peak_rss_kb INTEGER NOT NULL DEFAULT 0,
    cpu_s REAL NOT NULL DEFAULT 0,
    executor TEXT,
    host TEXT,
    slurm_job_id TEXT,
    paused_ms INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 1,
    owner_started INTEGER,
    io_read_bytes INTEGER,
    io_write_bytes INTEGER,
    nice INTEGER,
    slurm_state TEXT,
    UNIQUE (run_id, seq)
))";

/// Columns added after the first schema: added to older files on open ("duplicate column" is fine).
constexpr const char *kAddedColumns[] = {
    "ALTER TABLE jobs ADD COLUMN peak_rss_kb INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE jobs ADD COLUMN cpu_s REAL NOT NULL DEFAULT 0",
    // Issue 16: where the job ran (NULL in rows written before: not known).
    "ALTER TABLE jobs ADD COLUMN executor TEXT",
    "ALTER TABLE jobs ADD COLUMN host TEXT",
    "ALTER TABLE jobs ADD COLUMN slurm_job_id TEXT",
    // Issue 23: what the exports keep of steering.
    "ALTER TABLE jobs ADD COLUMN paused_ms INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1",
    // Issue 22: the owner's start time, so that a reused pid is not taken for the owner.
    "ALTER TABLE jobs ADD COLUMN owner_started INTEGER",
    // Issue 26: the tree's storage I/O (NULL: not measured, as in rows written before).
    "ALTER TABLE jobs ADD COLUMN io_read_bytes INTEGER",
    "ALTER TABLE jobs ADD COLUMN io_write_bytes INTEGER",
    // Issue 26: the niceness it ended with (NULL in rows written before: the spec's, it started
    // at).
    "ALTER TABLE jobs ADD COLUMN nice INTEGER",
    // Issue 28: Slurm's final state from sacct (NULL: not kept, or not a Slurm job).
    "ALTER TABLE jobs ADD COLUMN slurm_state TEXT",
};

/// A row's columns, in the order of upsertValues(); the journal's keys are the same names.
const QStringList kColumns = {
    QStringLiteral("run_id"),       QStringLiteral("owner_pid"),    QStringLiteral("seq"),
    QStringLiteral("batch"),        QStringLiteral("command"),      QStringLiteral("label"),
    QStringLiteral("state"),        QStringLiteral("exit_code"),    QStringLiteral("signal"),
    QStringLiteral("timed_out"),    QStringLiteral("queued"),       QStringLiteral("started"),
    QStringLiteral("finished"),     QStringLiteral("duration_ms"),  QStringLiteral("pid"),
    QStringLiteral("stdout_bytes"), QStringLiteral("stderr_bytes"), QStringLiteral("encoding"),
    QStringLiteral("cwd"),          QStringLiteral("error"),        QStringLiteral("notes"),
    QStringLiteral("stdout_file"),  QStringLiteral("stderr_file"),  QStringLiteral("spec"),
    QStringLiteral("peak_rss_kb"),  QStringLiteral("cpu_s"),        QStringLiteral("executor"),
    QStringLiteral("host"),         QStringLiteral("slurm_job_id"), QStringLiteral("paused_ms"),
    QStringLiteral("attempts"),     QStringLiteral("owner_started"),
    QStringLiteral("io_read_bytes"), QStringLiteral("io_write_bytes"), QStringLiteral("nice"),
    QStringLiteral("slurm_state")
};

constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADb = 26;
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;

int primaryCode(const QSqlError &error)
{
    // Extended result codes carry the primary one in their low byte (SQLITE_BUSY_SNAPSHOT = 517).
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

/// A row's owner's start time; this process's read once, on the history's thread (rows are
/// turned into values there), never the window's. NULL when not known.
QVariant ownerStarted(const Row &row)
{
    if (row.ownerStarted > 0)
        return row.ownerStarted;
    if (row.ownerPid != ::getpid())
        return {};
    static const qint64 own = processStartTime(::getpid());
    return own > 0 ? QVariant(own) : QVariant();
}

} // namespace

qint64 processStartTime(qint64 pid)
{
    proctable::ProcessInfo info;
    return pid > 0 && proctable::readProcess(pid_t(pid), &info) ? qint64(info.startTime) : 0;
}

bool isCorruption(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == kSqliteCorrupt || code == kSqliteNotADb;
}

bool isBusy(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == kSqliteBusy || code == kSqliteLocked;
}

bool createSchema(QSqlDatabase &db, QString *error, QSqlError *sqlError)
{
    QSqlQuery q(db);
    auto fail = [&](const QSqlError &e) {
        *error = e.text();
        if (sqlError)
            *sqlError = e;
        return false;
    };
    // Reading the schema reads the header and the first page: a file that is not a database fails
    // here. (quick_check would read every page, and the history grows: opening must stay cheap.)
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return fail(q.lastError());
    for (const QString &statement :
         { QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
           QString::fromLatin1(kSchema),
           QStringLiteral("CREATE INDEX IF NOT EXISTS jobs_queued ON jobs(queued)") }) {
        if (!q.exec(statement))
            return fail(q.lastError());
    }
    for (const char *statement : kAddedColumns)
        q.exec(QString::fromLatin1(statement)); // fails harmlessly where the column exists
    return true;
}

const QStringList &columns()
{
    return kColumns;
}

QString upsertStatement()
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), kColumns.size());
    return QStringLiteral("INSERT INTO jobs (%1) VALUES (%2) ")
                   .arg(kColumns.join(QLatin1String(", ")), marks.join(QLatin1Char(',')))
            + QStringLiteral("ON CONFLICT (run_id, seq) DO UPDATE SET state = excluded.state, "
                             "exit_code = excluded.exit_code, "
                             "signal = excluded.signal, timed_out = excluded.timed_out, started = "
                             "excluded.started, "
                             "finished = excluded.finished, duration_ms = excluded.duration_ms, "
                             "pid = excluded.pid, "
                             "stdout_bytes = excluded.stdout_bytes, stderr_bytes = "
                             "excluded.stderr_bytes, error = excluded.error, "
                             "notes = excluded.notes, stdout_file = excluded.stdout_file, "
                             "stderr_file = excluded.stderr_file, "
                             "peak_rss_kb = excluded.peak_rss_kb, cpu_s = excluded.cpu_s, executor "
                             "= excluded.executor, "
                             "host = excluded.host, slurm_job_id = excluded.slurm_job_id, "
                             "paused_ms = excluded.paused_ms, attempts = excluded.attempts, "
                             "io_read_bytes = excluded.io_read_bytes, "
                             "io_write_bytes = excluded.io_write_bytes, nice = excluded.nice, "
                             "slurm_state = excluded.slurm_state");
}

QVariantList upsertValues(const Row &row)
{
    const JobRecord &r = row.record;
    return { row.runId,
             row.ownerPid,
             r.seq,
             r.batchId,
             r.command,
             r.label,
             stateKey(r.state),
             r.exitCode >= 0 ? QVariant(r.exitCode) : QVariant(),
             r.signal > 0 ? QVariant(r.signal) : QVariant(),
             int(r.timedOut),
             isotime::format(r.queuedAt),
             isotime::format(r.startedAt),
             isotime::format(r.finishedAt),
             r.durationMs,
             r.pid > 0 ? QVariant(r.pid) : QVariant(),
             r.stdoutBytes,
             r.stderrBytes,
             r.encoding,
             r.cwd,
             r.error,
             r.notes,
             r.stdoutPath,
             r.stderrPath,
             QString::fromUtf8(specToJson(row.spec)),
             r.peakRssKb,
             r.cpuSeconds,
             r.executor,
             r.host,
             r.slurmJobId.isEmpty() ? QVariant() : QVariant(r.slurmJobId),
             r.pausedMs,
             r.attempts,
             ownerStarted(row),
             r.ioReadBytes >= 0 ? QVariant(r.ioReadBytes) : QVariant(),
             r.ioWriteBytes >= 0 ? QVariant(r.ioWriteBytes) : QVariant(),
             r.nice,
             r.slurmState.isEmpty() ? QVariant() : QVariant(r.slurmState) };
}

QByteArray specToJson(const JobSpec &spec)
{
    JobSpec kept
            = spec; // dependencies are not kept: a job run again from the history waits for nothing
    kept.id.clear();
    kept.after.clear();
    kept.afterSuccess.clear();
    return QJsonDocument(jobspecjson::toJson(kept)).toJson(QJsonDocument::Compact);
}

JobSpec specFromJson(const QByteArray &json)
{
    JobSpec spec;
    jobspecjson::Problem problem; // a row that does not read whole keeps what it had (an old row's
                                  // "{}": nothing)
    jobspecjson::fromJson(QJsonDocument::fromJson(json).object(), &spec, &problem);
    return spec;
}

Row rowFrom(const std::function<QVariant(const QString &column)> &value)
{
    Row row;
    JobRecord &r = row.record;
    row.runId = value(QStringLiteral("run_id")).toString();
    row.ownerPid = value(QStringLiteral("owner_pid")).toLongLong();
    r.seq = value(QStringLiteral("seq")).toInt();
    r.batchId = value(QStringLiteral("batch")).toInt();
    r.command = value(QStringLiteral("command")).toString();
    r.label = value(QStringLiteral("label")).toString();
    stateFromKey(value(QStringLiteral("state")).toString(), &r.state);
    const QVariant exitCode = value(QStringLiteral("exit_code"));
    r.exitCode = exitCode.isNull() ? -1 : exitCode.toInt();
    r.signal = value(QStringLiteral("signal")).toInt();
    r.timedOut = value(QStringLiteral("timed_out")).toBool();
    r.queuedAt = isotime::parse(value(QStringLiteral("queued")).toString());
    r.startedAt = isotime::parse(value(QStringLiteral("started")).toString());
    r.finishedAt = isotime::parse(value(QStringLiteral("finished")).toString());
    r.durationMs = value(QStringLiteral("duration_ms")).toLongLong();
    r.pid = value(QStringLiteral("pid")).toLongLong();
    r.stdoutBytes = value(QStringLiteral("stdout_bytes")).toLongLong();
    r.stderrBytes = value(QStringLiteral("stderr_bytes")).toLongLong();
    r.encoding = value(QStringLiteral("encoding")).toString();
    r.cwd = value(QStringLiteral("cwd")).toString();
    r.error = value(QStringLiteral("error")).toString();
    r.notes = value(QStringLiteral("notes")).toString();
    r.stdoutPath = value(QStringLiteral("stdout_file")).toString();
    r.stderrPath = value(QStringLiteral("stderr_file")).toString();
    r.peakRssKb = value(QStringLiteral("peak_rss_kb")).toLongLong();
    r.cpuSeconds = value(QStringLiteral("cpu_s")).toDouble();
    if (const QVariant executor = value(QStringLiteral("executor")); !executor.isNull())
        r.executor
                = executor.toString(); // NULL in rows from before ssh and Slurm: every job ran here
    r.host = value(QStringLiteral("host")).toString();
    r.slurmJobId = value(QStringLiteral("slurm_job_id")).toString();
    r.slurmState = value(QStringLiteral("slurm_state")).toString();
    r.pausedMs = value(QStringLiteral("paused_ms")).toLongLong();
    const int attempts = value(QStringLiteral("attempts")).toInt();
    r.attempts = attempts > 0 ? attempts : 1; // a journal line from before: one try
    row.ownerStarted = value(QStringLiteral("owner_started")).toLongLong();
    for (auto [column, field] : {std::pair{"io_read_bytes", &r.ioReadBytes},
                                 std::pair{"io_write_bytes", &r.ioWriteBytes}}) {
        const QVariant bytes = value(QLatin1String(column));
        *field = bytes.isNull() ? -1 : bytes.toLongLong(); // NULL, or absent: not measured
    }
    row.spec = specFromJson(value(QStringLiteral("spec")).toString().toUtf8());
    // The niceness it ended with (a Priority… after its start); a row from before keeps only the
    // one it started at, in its spec.
    const QVariant nice = value(QStringLiteral("nice"));
    r.nice = nice.isNull() ? row.spec.nice : nice.toInt();
    return row;
}

QByteArray toJournalLine(const Row &row)
{
    const QVariantList values = upsertValues(row);
    QJsonObject o;
    for (qsizetype i = 0; i < kColumns.size(); ++i)
        o.insert(kColumns[i], QJsonValue::fromVariant(values[i]));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

bool fromJournalLine(const QByteArray &line, Row *row)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    *row = rowFrom([&o](const QString &column) { return o.value(column).toVariant(); });
    JobState state{};
    return !row->runId.isEmpty() && row->record.seq > 0
            && stateFromKey(o.value(QLatin1String("state")).toString(), &state);
}

} // namespace procdeck::historyrows
