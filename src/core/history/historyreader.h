#pragma once

#include "types/historyentry.h"

#include <QList>
#include <QObject>
#include <QSqlQuery>
#include <QString>

#include <functional>

namespace procdeck {

/// What opening the history came to.
struct HistoryOpening {
    bool ok = false;  ///< a database to write to (perhaps busy for now)
    QString error;    ///< when !ok: why there is none
    QString notice;   ///< for the person: a file moved aside, a busy database
};

/// The history's reading connection, on the history's thread (History moves it there): opening
/// (the folder, the schema, the journal and the guardian's report merged, the jobs of dead
/// ProcDecks marked interrupted), earlier jobs, and the size of kept output. Every call is made on
/// that thread: SQLite and the disk never hold up the window.
class HistoryReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryReader)

public:
    /// `runId`: this ProcDeck's run, whose own rows are never marked interrupted.
    HistoryReader(QString path, QString runId);
    ~HistoryReader() override; ///< closes and removes its connection (on its thread)

    /// Opens (or creates) the database. Only a file SQLite calls corrupt or not a database is
    /// moved aside (notice says where); a busy or locked one is kept and written later.
    HistoryOpening open();
    /// Earlier jobs, newest first; `search` filters on the command (case-insensitive).
    QList<HistoryEntry> recent(int limit, const QString &search) const;
    /// The bytes of output files that the recorded jobs keep on disk.
    qint64 keptOutputBytes() const;

    /// Where the guardian reports the jobs it ended: "<database>.guardian".
    static QString guardianReportPath(const QString &databasePath);

private:
    HistoryOpening openConnection();
    /// Runs `statement` once per line of the side file at `path` (others append to it), in one
    /// transaction; `bind` binds a line's values, false for a line that does not parse.
    bool applySideFile(const QString &path, const QString &statement,
                       const std::function<bool(const QByteArray &line, QSqlQuery &query)> &bind);
    void mergeJournal();
    void applyGuardianReport();
    void markInterrupted();
    /// The connection, open again for a read after open() closed it; false when it never opened.
    bool reopen() const;

    const QString m_path;
    const QString m_runId;
    const QString m_connection;
    bool m_busyAtOpen = false;
    bool m_readable = false; ///< open() succeeded: reads may open the connection again
};

} // namespace procdeck
