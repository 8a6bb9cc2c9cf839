#pragma once

#include "types/samplertypes.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <unordered_map>
#include <vector>

namespace procdeck {

/// The processes of one job as a tree by parent, fed by the sampler's thread (update()): each
/// sample updates the rows in place, adds the new processes under their parents and marks the
/// ones gone as ended; an ended process stays (EndedRole) for kEndedKeepMs, then goes, its
/// children moving up to its parent. Never reset while the same job is shown, so a view's
/// selection and expanded rows survive the updates.
class ProcessTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessTreeModel)

public:
    enum Column { PidColumn, CommandColumn, StateColumn, CpuColumn, MemoryColumn, ThreadsColumn,
                  ReadRateColumn, WriteRateColumn, DescriptorsColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< a number, or plain text for the command
        EndedRole,               ///< bool: the process has ended (shown greyed)
        PidRole,                 ///< qint64
    };
    static constexpr int kEndedKeepMs = 3000;

    explicit ProcessTreeModel(QObject *parent = nullptr);
    ~ProcessTreeModel() override;

    /// Shows job `seq`'s processes (none until its first update); 0: no job.
    void setJob(int seq);
    int job() const { return m_seq; }
    /// The processes listed, ended ones included.
    int count() const { return int(m_nodes.size()); }
    /// One sample of job `seq`'s processes; another job's is ignored.
    void update(int seq, const ProcessRows &rows);
    /// The job's tree is gone (it ended): every process is marked ended, and a sample read before
    /// (still on its way from the sampler's thread) is ignored.
    void markAllEnded();
    /// "sleeping (S)": the state in words, with /proc's letter.
    static QString stateText(char state);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node {
        ProcessRow row;
        Node *parent = nullptr;
        std::vector<Node *> children;
        int rowInParent = 0;
        qint64 endedAtMs = -1; ///< -1 while it runs
    };
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(Node *node, int column = 0) const;
    void insert(const ProcessRow &row);
    /// Takes a node out: its children move up to its parent first.
    void remove(Node *node);
    void markEnded(Node *node, qint64 now);
    void sweep();
    /// Every row may have changed at a sample: one dataChanged per parent, for all its children.
    void announce();
    static void renumber(Node *parent, size_t from);

    int m_seq = 0;
    bool m_over = false; ///< markAllEnded(): the job's samples are over
    Node m_root;
    std::unordered_map<qint64, std::unique_ptr<Node>> m_nodes; ///< by pid
    QElapsedTimer m_clock;
    QTimer m_sweep; ///< runs while ended processes wait to go
};

} // namespace procdeck
