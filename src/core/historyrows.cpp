#include "historyrows.h"
#include "isotime.h"
#include "jobspecjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

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
    UNIQUE (run_id, seq)
))";

/// Columns added after the first schema: added to older files on open ("duplicate column" is fine).
constexpr const char *kAddedColumns[] = {
    "ALTER TABLE jobs ADD COLUMN peak_rss_kb INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE jobs ADD COLUMN cpu_s REAL NOT NULL DEFAULT 0",
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


} // namespace

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
    for (const QString &statement : {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL"),
                                     QString::fromLatin1(kSchema),
                                     QStringLiteral("CREATE INDEX IF NOT EXISTS jobs_queued ON jobs(queued)")}) {
        if (!q.exec(statement))
            return fail(q.lastError());
    }
    for (const char *statement : kAddedColumns)
        q.exec(QString::fromLatin1(statement)); // fails harmlessly where the column exists
    return true;
}

QString upsertStatement()
{
    return QStringLiteral(
        "INSERT INTO jobs (run_id, owner_pid, seq, batch, command, label, state, exit_code, signal, timed_out, queued, "
        "started, finished, duration_ms, pid, stdout_bytes, stderr_bytes, encoding, cwd, error, notes, stdout_file, "
        "stderr_file, spec, peak_rss_kb, cpu_s) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (run_id, seq) DO UPDATE SET state = excluded.state, exit_code = excluded.exit_code, "
        "signal = excluded.signal, timed_out = excluded.timed_out, started = excluded.started, "
        "finished = excluded.finished, duration_ms = excluded.duration_ms, pid = excluded.pid, "
        "stdout_bytes = excluded.stdout_bytes, stderr_bytes = excluded.stderr_bytes, error = excluded.error, "
        "notes = excluded.notes, stdout_file = excluded.stdout_file, stderr_file = excluded.stderr_file, "
        "peak_rss_kb = excluded.peak_rss_kb, cpu_s = excluded.cpu_s");
}

QVariantList upsertValues(const Row &row)
{
    const JobRecord &r = row.record;
    return {row.runId, row.ownerPid, r.seq, r.batchId, r.command, r.label, stateKey(r.state),
            r.exitCode >= 0 ? QVariant(r.exitCode) : QVariant(), r.signal > 0 ? QVariant(r.signal) : QVariant(),
            int(r.timedOut), isotime::format(r.queuedAt), isotime::format(r.startedAt), isotime::format(r.finishedAt), r.durationMs,
            r.pid > 0 ? QVariant(r.pid) : QVariant(), r.stdoutBytes, r.stderrBytes, r.encoding, r.cwd, r.error,
            r.notes, r.stdoutPath, r.stderrPath, QString::fromUtf8(specToJson(row.spec)), r.peakRssKb, r.cpuSeconds};
}

QByteArray specToJson(const JobSpec &spec)
{
    JobSpec kept = spec; // dependencies are not kept: a job run again from the history waits for nothing
    kept.id.clear();
    kept.after.clear();
    kept.afterSuccess.clear();
    return QJsonDocument(jobspecjson::toJson(kept)).toJson(QJsonDocument::Compact);
}

JobSpec specFromJson(const QByteArray &json)
{
    JobSpec spec;
    jobspecjson::Problem problem; // a row that does not read whole keeps what it had (an old row's "{}": nothing)
    jobspecjson::fromJson(QJsonDocument::fromJson(json).object(), &spec, &problem);
    return spec;
}

QByteArray toJournalLine(const Row &row)
{
    const JobRecord &r = row.record;
    QJsonObject o;
    o.insert(QStringLiteral("run_id"), row.runId);
    o.insert(QStringLiteral("owner_pid"), row.ownerPid);
    o.insert(QStringLiteral("seq"), r.seq);
    o.insert(QStringLiteral("batch"), r.batchId);
    o.insert(QStringLiteral("command"), r.command);
    o.insert(QStringLiteral("label"), r.label);
    o.insert(QStringLiteral("state"), stateKey(r.state));
    o.insert(QStringLiteral("exit_code"), r.exitCode);
    o.insert(QStringLiteral("signal"), r.signal);
    o.insert(QStringLiteral("timed_out"), r.timedOut);
    o.insert(QStringLiteral("queued"), isotime::format(r.queuedAt));
    o.insert(QStringLiteral("started"), isotime::format(r.startedAt));
    o.insert(QStringLiteral("finished"), isotime::format(r.finishedAt));
    o.insert(QStringLiteral("duration_ms"), r.durationMs);
    o.insert(QStringLiteral("pid"), r.pid);
    o.insert(QStringLiteral("stdout_bytes"), r.stdoutBytes);
    o.insert(QStringLiteral("stderr_bytes"), r.stderrBytes);
    o.insert(QStringLiteral("encoding"), r.encoding);
    o.insert(QStringLiteral("cwd"), r.cwd);
    o.insert(QStringLiteral("error"), r.error);
    o.insert(QStringLiteral("notes"), r.notes);
    o.insert(QStringLiteral("stdout_file"), r.stdoutPath);
    o.insert(QStringLiteral("stderr_file"), r.stderrPath);
    o.insert(QStringLiteral("peak_rss_kb"), r.peakRssKb);
    o.insert(QStringLiteral("cpu_s"), r.cpuSeconds);
    o.insert(QStringLiteral("spec"), QString::fromUtf8(specToJson(row.spec)));
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

bool fromJournalLine(const QByteArray &line, Row *row)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    JobRecord &r = row->record;
    row->runId = o.value(QLatin1String("run_id")).toString();
    row->ownerPid = o.value(QLatin1String("owner_pid")).toInteger();
    r.seq = o.value(QLatin1String("seq")).toInt();
    if (row->runId.isEmpty() || r.seq <= 0 || !stateFromKey(o.value(QLatin1String("state")).toString(), &r.state))
        return false;
    r.batchId = o.value(QLatin1String("batch")).toInt();
    r.command = o.value(QLatin1String("command")).toString();
    r.label = o.value(QLatin1String("label")).toString();
    r.exitCode = o.value(QLatin1String("exit_code")).toInt(-1);
    r.signal = o.value(QLatin1String("signal")).toInt();
    r.timedOut = o.value(QLatin1String("timed_out")).toBool();
    r.queuedAt = isotime::parse(o.value(QLatin1String("queued")).toString());
    r.startedAt = isotime::parse(o.value(QLatin1String("started")).toString());
    r.finishedAt = isotime::parse(o.value(QLatin1String("finished")).toString());
    r.durationMs = o.value(QLatin1String("duration_ms")).toInteger();
    r.pid = o.value(QLatin1String("pid")).toInteger();
    r.stdoutBytes = o.value(QLatin1String("stdout_bytes")).toInteger();
    r.stderrBytes = o.value(QLatin1String("stderr_bytes")).toInteger();
    r.encoding = o.value(QLatin1String("encoding")).toString();
    r.cwd = o.value(QLatin1String("cwd")).toString();
    r.error = o.value(QLatin1String("error")).toString();
    r.notes = o.value(QLatin1String("notes")).toString();
    r.stdoutPath = o.value(QLatin1String("stdout_file")).toString();
    r.stderrPath = o.value(QLatin1String("stderr_file")).toString();
    r.peakRssKb = o.value(QLatin1String("peak_rss_kb")).toInteger();
    r.cpuSeconds = o.value(QLatin1String("cpu_s")).toDouble();
    row->spec = specFromJson(o.value(QLatin1String("spec")).toString().toUtf8());
    return true;
}

} // namespace procdeck::historyrows
