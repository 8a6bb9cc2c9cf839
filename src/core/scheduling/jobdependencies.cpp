#include "jobdependencies.h"

#include <QHash>
#include <QSet>

namespace procdeck::jobdependencies {

namespace {

QStringList prerequisitesOf(const JobSpec &spec)
{
    return spec.after + spec.afterSuccess;
}

QString quoted(const QStringList &ids)
{
    QStringList out;
    for (const QString &id : ids)
        out << QLatin1Char('\'') + id + QLatin1Char('\'');
    return out.join(QLatin1String(", "));
}

/// Iterative depth-first search for a cycle from `start` (a chain may be 80,000 jobs deep: a
/// recursive one overflowed the stack). On one, *cycle holds its indices, in order.
bool findCycle(int start, const QList<QList<int>> &edges, QList<char> *colour, QList<int> *cycle)
{
    QList<int> path{start};   // the jobs on the current path
    QList<qsizetype> nextEdge{0}; // for each, the next of its edges to follow
    (*colour)[start] = 1;     // on the path
    while (!path.isEmpty()) {
        const int at = path.last();
        if (nextEdge.last() == edges.at(at).size()) {
            (*colour)[at] = 2; // done, no cycle through it
            path.removeLast();
            nextEdge.removeLast();
            continue;
        }
        const int next = edges.at(at).at(nextEdge.last()++);
        if (colour->at(next) == 1) {
            *cycle = path.mid(path.indexOf(next));
            return true;
        }
        if (colour->at(next) == 0) {
            (*colour)[next] = 1;
            path.append(next);
            nextEdge.append(0);
        }
    }
    return false;
}

/// A cycle named by its first kShown ids when it is longer: a 50,000-job cycle is one line.
QString cycleMessage(const QList<int> &cycle, const QList<JobSpec> &specs)
{
    constexpr qsizetype kShown = 5;
    const qsizetype n = cycle.size();
    QStringList ids;
    for (qsizetype i = 0; i < qMin(n, kShown); ++i)
        ids << specs.at(cycle.at(i)).id;
    const QString first = ids.first();
    const QString ellipsis = QStringLiteral("…");
    if (n <= kShown) {
        return QStringLiteral("dependency cycle among job ids %1: %2 → %3")
            .arg(quoted(ids), ids.join(QStringLiteral(" → ")), first);
    }
    return QStringLiteral("dependency cycle among %1 job ids, %2, %3: %4 → %3 → %5 → %6")
        .arg(n)
        .arg(quoted(ids), ellipsis, ids.join(QStringLiteral(" → ")), specs.at(cycle.last()).id,
             first);
}

} // namespace

bool isJobNumber(const QString &ref, int *seq)
{
    if (!ref.startsWith(QLatin1Char('#')))
        return false;
    bool ok = false;
    const int n = ref.mid(1).toInt(&ok);
    if (!ok || n < 1)
        return false;
    if (seq)
        *seq = n;
    return true;
}

bool check(const QList<JobSpec> &specs, QString *error)
{
    QHash<QString, int> index;
    for (int i = 0; i < specs.size(); ++i) {
        const QString &id = specs.at(i).id;
        if (id.isEmpty())
            continue;
        if (index.contains(id)) {
            *error = QStringLiteral("job id '%1' is given twice (jobs %2 and %3)")
                             .arg(id)
                             .arg(index.value(id) + 1)
                             .arg(i + 1);
            return false;
        }
        index.insert(id, i);
    }
    QStringList unknown;
    for (int i = 0; i < specs.size(); ++i) {
        for (const QString &ref : prerequisitesOf(specs.at(i))) {
            if (!index.contains(ref))
                unknown << QStringLiteral("'%1' (job %2)").arg(ref).arg(i + 1);
        }
    }
    if (!unknown.isEmpty()) {
        constexpr qsizetype kShown = 5; // 50,000 unknown ids are not read, and make one huge line
        QString named = unknown.mid(0, kShown).join(QLatin1String(", "));
        if (unknown.size() > kShown)
            named += QStringLiteral(", … (%1 in all)").arg(unknown.size());
        *error = QStringLiteral("unknown job id(s) in \"after\"/\"after_success\": %1").arg(named);
        return false;
    }
    QList<QList<int>> edges(specs.size());
    for (int i = 0; i < specs.size(); ++i)
        for (const QString &ref : prerequisitesOf(specs.at(i)))
            if (index.contains(ref))
                edges[i] << index.value(ref);
    QList<char> colour(specs.size(), 0);
    for (int i = 0; i < specs.size(); ++i) {
        QList<int> cycle;
        if (colour.at(i) == 0 && findCycle(i, edges, &colour, &cycle)) {
            *error = cycleMessage(cycle, specs);
            return false;
        }
    }
    return true;
}

QList<QList<int>> resolve(const QList<JobSpec> &specs, bool successOnly)
{
    QHash<QString, int> index;
    for (int i = 0; i < specs.size(); ++i)
        if (!specs.at(i).id.isEmpty())
            index.insert(specs.at(i).id, i);
    QList<QList<int>> out(specs.size());
    for (int i = 0; i < specs.size(); ++i)
        for (const QString &ref : successOnly ? specs.at(i).afterSuccess : specs.at(i).after)
            if (index.contains(ref))
                out[i] << index.value(ref);
    return out;
}

} // namespace procdeck::jobdependencies
