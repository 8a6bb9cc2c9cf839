#pragma once

#include "types/jobrecord.h"
#include "types/jobspec.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariantList>

#include <functional>

namespace procdeck::historyrows {

/// One job as the history writes it: its record and the spec that can run it again.
struct Row {
    QString runId;
    qint64 ownerPid = 0;
    JobRecord record;
    JobSpec spec;
    qint64 ownerStarted = 0; ///< the owner's start time (clock ticks after boot); 0: this process's
};

/// A process's start time in clock ticks after boot (with its pid, it names the process); 0 when
/// it is gone. Reads /proc: never on the window's thread.
qint64 processStartTime(qint64 pid);

/// Creates the table (and adds columns newer than an older file) on `db`. False with *error
/// (and *sqlError) when the database cannot be read or written.
bool createSchema(QSqlDatabase &db, QString *error, QSqlError *sqlError = nullptr);

/// SQLite says the file is not a sound database (SQLITE_CORRUPT or SQLITE_NOTADB): the only
/// errors for which a history file is moved aside. A locked or busy one is waited for.
bool isCorruption(const QSqlError &error);
/// SQLite says another connection holds a lock (SQLITE_BUSY or SQLITE_LOCKED): try again later.
bool isBusy(const QSqlError &error);

/// A row's columns in the order of upsertValues() (the journal's keys too).
const QStringList &columns();
/// The upsert of one row: the statement and its values in order.
QString upsertStatement();
QVariantList upsertValues(const Row &row);
/// A row from its columns' values, however they are stored (a query, a journal line): the one
/// reading of a row.
Row rowFrom(const std::function<QVariant(const QString &column)> &value);

/// The spec as the history keeps it: jobspecjson's format (a batch file's job), without its id
/// and dependencies (run again from the history, a job waits for nothing).
QByteArray specToJson(const JobSpec &spec);
JobSpec specFromJson(const QByteArray &json);

/// A row as one line of the journal (rows that could not be written before ProcDeck exited),
/// and back. fromJournalLine() returns false for a line that does not parse.
QByteArray toJournalLine(const Row &row);
bool fromJournalLine(const QByteArray &line, Row *row);

} // namespace procdeck::historyrows
