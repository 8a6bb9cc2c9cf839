#pragma once

#include "historyrows.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace procdeck {

/// The history's writes, on a thread of their own: SQLite commits never hold up the window.
///
/// Rows handed over are kept until a commit has taken them. A write that fails — busy, locked,
/// read-only, a full disk — keeps them and is tried again with a back-off (0.2 s doubling to 3 s);
/// once writes have failed for kStallMs, stalled() says so once, and recovered() when everything
/// kept has been written. finish() makes a last try and puts what still cannot be written in
/// the journal beside the database, which the next open merges.
class HistoryWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryWriter)

public:
    static constexpr int kStallMs = 5000;

    explicit HistoryWriter(QString path, QObject *parent = nullptr);
    ~HistoryWriter() override;

    /// The journal of rows not yet in the database: "<database>.pending.jsonl".
    static QString journalPath(const QString &databasePath);

    /// Keeps `rows` (a later row of the same job replaces an earlier one) and tries to write.
    void add(const QList<historyrows::Row> &rows);
    /// Tries to write what is kept now; true when nothing is left.
    bool writeNow();
    /// The last tries, for at most `deadlineMs`; what is left goes to the journal. Returns a
    /// message for the person when rows could not be written to the database, else empty.
    QString finish(int deadlineMs);
    int pendingCount() const { return int(m_pending.size()); }

signals:
    void stalled(const QString &reason);
    void recovered();

private:
    bool ensureOpen(QSqlError *error);
    bool writePending(QSqlError *error);
    void onWriteFailed(const QSqlError &error);
    static QString describe(const QSqlError &error);

    const QString m_path;
    const QString m_connection;
    bool m_open = false;
    QList<historyrows::Row> m_pending;
    QHash<QPair<QString, int>, int> m_index; ///< (run id, seq) → its place in m_pending
    QTimer m_retryTimer;
    int m_retryMs = 0;
    QElapsedTimer m_failingSince;
    bool m_saidStalled = false;
    QString m_lastProblem;
};

} // namespace procdeck
