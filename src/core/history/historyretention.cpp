// History retention: old jobs leave the database and their kept output files are deleted. Runs
// on its own connection, so the window can do it on a worker thread.
#include "historyretention.h"
#include "types/isotime.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace procdeck {

namespace {

/// The rows that may go: ended jobs older than `maxDays`, or beyond the newest `maxJobs`.
QString whereClause(int maxDays, int maxJobs)
{
    QStringList conditions;
    if (maxDays > 0) {
        const QDateTime oldest = QDateTime::currentDateTimeUtc().addDays(-maxDays);
        conditions << QStringLiteral("queued < '%1'").arg(isotime::format(oldest));
    }
    if (maxJobs > 0)
        conditions << QStringLiteral("id NOT IN (SELECT id FROM jobs ORDER BY queued DESC, id DESC "
                                     "LIMIT %1)")
                              .arg(maxJobs);
    return QStringLiteral(" WHERE state NOT IN ('queued', 'running') AND (%1)")
            .arg(conditions.isEmpty() ? QStringLiteral("0")
                                      : conditions.join(QLatin1String(" OR ")));
}

/// Deletes the rows `where` selects; *files are their kept output files. False with *error
/// (and no files) when the rows could not be deleted.
bool deleteRows(QSqlDatabase &db, const QString &where, QStringList *files, QString *error)
{
    QSqlQuery q(db);
    // Rows first, in one transaction; files after the commit. A crash between the two
    // leaves files without rows (found again by nothing, harmless), never rows whose
    // files are gone.
    // The files listed are those of the rows deleted: one transaction, and no delete at all
    // when the list could not be had (rows would go, their files stay for ever).
    const bool began = db.transaction()
            && q.exec(QStringLiteral("SELECT stdout_file, stderr_file FROM jobs") + where);
    while (q.next())
        for (int i = 0; i < 2; ++i)
            if (const QString f = q.value(i).toString(); !f.isEmpty())
                *files << f;
    if (!began || !q.exec(QStringLiteral("DELETE FROM jobs") + where) || !db.commit()) {
        *error = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
        db.rollback();
        files->clear();
        return false;
    }
    return true;
}

/// Removes the files and the folders they leave empty; returns the bytes freed.
qint64 removeFiles(const QStringList &files)
{
    qint64 freed = 0;
    QSet<QString> folders;
    for (const QString &f : files) {
        const QFileInfo info(f);
        if (info.exists()) {
            freed += info.size();
            QFile::remove(f);
            folders.insert(info.absolutePath());
        }
    }
    for (const QString &folder : std::as_const(folders))
        QDir().rmdir(folder); // only when nothing else is left in it
    return freed;
}

} // namespace

bool HistoryRetention::apply(const QString &path, int maxDays, int maxJobs, qint64 *freedBytes,
                             QString *error)
{
    const QString name = QStringLiteral("procdeck-retention-")
            + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            *error = db.lastError().text();
            ok = false;
        } else {
            QStringList files;
            ok = deleteRows(db, whereClause(maxDays, maxJobs), &files, error);
            const qint64 freed = removeFiles(files);
            if (freedBytes)
                *freedBytes = freed;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace procdeck
