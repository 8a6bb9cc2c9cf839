#include "processtreemodel.h"

#include <QSet>

#include <algorithm>

namespace procdeck {

// processcells.cpp: what each column shows of a process, and sorts it by.
QVariant processCell(const ProcessRow &row, bool ended, int column, bool sorting);

ProcessTreeModel::ProcessTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_clock.start();
    m_sweep.setInterval(250);
    connect(&m_sweep, &QTimer::timeout, this, &ProcessTreeModel::sweep);
}

ProcessTreeModel::~ProcessTreeModel() = default;

void ProcessTreeModel::setJob(int seq)
{
    if (seq == m_seq)
        return;
    beginResetModel();
    m_seq = seq;
    m_over = false;
    m_root.children.clear();
    m_nodes.clear();
    m_sweep.stop();
    endResetModel();
}

void ProcessTreeModel::update(int seq, const ProcessRows &rows)
{
    if (seq != m_seq || seq == 0 || m_over)
        return;
    const qint64 now = m_clock.elapsed();
    QSet<qint64> seen;
    ProcessRows fresh;
    for (const ProcessRow &row : rows) {
        seen.insert(row.pid);
        const auto it = m_nodes.find(row.pid);
        if (it != m_nodes.end() && it->second->row.startTime == row.startTime) {
            it->second->row = row;
            it->second->endedAtMs = -1;
            continue;
        }
        if (it != m_nodes.end())
            remove(it->second.get()); // its pid was given to another process
        fresh.append(row);
    }
    // A parent starts before its children: in that order, each finds its parent in place.
    std::sort(fresh.begin(), fresh.end(), [](const ProcessRow &a, const ProcessRow &b) {
        return a.startTime != b.startTime ? a.startTime < b.startTime : a.pid < b.pid;
    });
    for (const ProcessRow &row : fresh)
        insert(row);
    for (auto &[pid, node] : m_nodes)
        if (!seen.contains(pid) && node->endedAtMs < 0)
            markEnded(node.get(), now);
    announce();
    sweep();
}

void ProcessTreeModel::markAllEnded()
{
    m_over = true;
    const qint64 now = m_clock.elapsed();
    for (auto &[pid, node] : m_nodes)
        if (node->endedAtMs < 0)
            markEnded(node.get(), now);
    announce();
}

void ProcessTreeModel::markEnded(Node *node, qint64 now)
{
    node->endedAtMs = now;
    node->row.cpuPercent = 0;
    node->row.ioReadRate = node->row.ioWriteRate = 0;
    if (!m_sweep.isActive())
        m_sweep.start();
}

void ProcessTreeModel::insert(const ProcessRow &row)
{
    const auto parentIt = m_nodes.find(row.ppid);
    Node *parent = parentIt != m_nodes.end() && parentIt->second->row.startTime <= row.startTime
            ? parentIt->second.get()
            : &m_root;
    auto node = std::make_unique<Node>();
    node->row = row;
    node->parent = parent;
    node->rowInParent = int(parent->children.size());
    beginInsertRows(indexOf(parent), node->rowInParent, node->rowInParent);
    parent->children.push_back(node.get());
    m_nodes[row.pid] = std::move(node);
    endInsertRows();
}

void ProcessTreeModel::remove(Node *node)
{
    Node *parent = node->parent;
    if (!node->children.empty()) { // orphans stay in sight, one level up
        const int count = int(node->children.size());
        const int to = int(parent->children.size());
        beginMoveRows(indexOf(node), 0, count - 1, indexOf(parent), to);
        for (Node *child : node->children) {
            child->parent = parent;
            parent->children.push_back(child);
        }
        node->children.clear();
        renumber(parent, size_t(to));
        endMoveRows();
    }
    const int row = node->rowInParent;
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    renumber(parent, size_t(row));
    m_nodes.erase(node->row.pid);
    endRemoveRows();
}

void ProcessTreeModel::sweep()
{
    const qint64 now = m_clock.elapsed();
    std::vector<Node *> gone;
    for (auto &[pid, node] : m_nodes)
        if (node->endedAtMs >= 0 && now - node->endedAtMs >= kEndedKeepMs)
            gone.push_back(node.get());
    for (Node *node : gone)
        remove(node);
    const bool waiting = std::any_of(m_nodes.begin(), m_nodes.end(),
                                     [](const auto &n) { return n.second->endedAtMs >= 0; });
    if (!waiting)
        m_sweep.stop();
}

void ProcessTreeModel::renumber(Node *parent, size_t from)
{
    for (size_t i = from; i < parent->children.size(); ++i)
        parent->children[i]->rowInParent = int(i);
}

void ProcessTreeModel::announce()
{
    const auto children = [this](Node *parent) {
        if (parent->children.empty())
            return;
        const QModelIndex at = indexOf(parent);
        emit dataChanged(index(0, 0, at),
                         index(int(parent->children.size()) - 1, ColumnCount - 1, at));
    };
    children(&m_root);
    for (auto &[pid, node] : m_nodes)
        children(node.get());
}

ProcessTreeModel::Node *ProcessTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer())
                           : const_cast<Node *>(&m_root);
}

QModelIndex ProcessTreeModel::indexOf(Node *node, int column) const
{
    return node == &m_root ? QModelIndex() : createIndex(node->rowInParent, column, node);
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (row < 0 || size_t(row) >= p->children.size() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[size_t(row)]);
}

QModelIndex ProcessTreeModel::parent(const QModelIndex &child) const
{
    return child.isValid() ? indexOf(nodeOf(child)->parent) : QModelIndex();
}

int ProcessTreeModel::rowCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : int(nodeOf(parent)->children.size());
}

QString ProcessTreeModel::stateText(char state)
{
    const QString letter = QString(QLatin1Char(state));
    switch (state) {
    case 'R': return tr("running (%1)").arg(letter);
    //: waiting for something (input, a timer, a child): the usual state of a process
    case 'S': return tr("sleeping (%1)").arg(letter);
    //: waiting for the disk or another device, and cannot be interrupted
    case 'D': return tr("disk wait (%1)").arg(letter);
    case 'T': return tr("stopped (%1)").arg(letter);
    //: stopped by a debugger
    case 't': return tr("traced (%1)").arg(letter);
    //: ended, waiting for its parent to collect it
    case 'Z': return tr("zombie (%1)").arg(letter);
    case 'I': return tr("idle (%1)").arg(letter);
    case 'X': return tr("dead (%1)").arg(letter);
    default: return letter;
    }
}

QVariant ProcessTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = *nodeOf(index);
    switch (role) {
    case Qt::DisplayRole: return processCell(node.row, node.endedAtMs >= 0, index.column(), false);
    case SortRole: return processCell(node.row, node.endedAtMs >= 0, index.column(), true);
    case EndedRole: return node.endedAtMs >= 0;
    case PidRole: return node.row.pid;
    case Qt::ToolTipRole:
        return index.column() == CommandColumn ? QVariant(node.row.command) : QVariant();
    case Qt::TextAlignmentRole:
        // The pid is the tree's column: aligned left, its indentation shows who is whose child.
        return index.column() == PidColumn || index.column() == CommandColumn
                        || index.column() == StateColumn
                ? int(Qt::AlignLeft | Qt::AlignVCenter)
                : int(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case PidColumn: return tr("PID");
    case CommandColumn: return tr("Command line");
    case StateColumn: return tr("State");
    case CpuColumn: return tr("CPU");
    case MemoryColumn: return tr("Memory");
    case ThreadsColumn: return tr("Threads");
    //: bytes read from storage per second
    case ReadRateColumn: return tr("Read");
    //: bytes written to storage per second
    case WriteRateColumn: return tr("Written");
    //: open file descriptors (files, pipes, sockets)
    case DescriptorsColumn: return tr("Files");
    case ColumnCount: break;
    }
    return {};
}

int ProcessTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

} // namespace procdeck
