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

/// Depth-first search for a cycle from `at`; on one, *cycle holds it, first id repeated last.
bool findCycle(int at, const QList<QList<int>> &edges, const QList<JobSpec> &specs, QList<int> *colour,
               QList<int> *path, QStringList *cycle)
{
    (*colour)[at] = 1; // on the path
    path->append(at);
    for (const int next : edges.at(at)) {
        if (colour->at(next) == 1) {
            for (qsizetype i = path->indexOf(next); i < path->size(); ++i)
                cycle->append(specs.at(path->at(i)).id);
            cycle->append(specs.at(next).id);
            return true;
        }
        if (colour->at(next) == 0 && findCycle(next, edges, specs, colour, path, cycle))
            return true;
    }
    path->removeLast();
    (*colour)[at] = 2; // done, no cycle through it
    return false;
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
            *error = QStringLiteral("job id '%1' is given twice (jobs %2 and %3)").arg(id).arg(index.value(id) + 1).arg(i + 1);
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
        *error = QStringLiteral("unknown job id(s) in \"after\"/\"after_success\": %1").arg(unknown.join(QLatin1String(", ")));
        return false;
    }
    QList<QList<int>> edges(specs.size());
    for (int i = 0; i < specs.size(); ++i)
        for (const QString &ref : prerequisitesOf(specs.at(i)))
            if (index.contains(ref))
                edges[i] << index.value(ref);
    QList<int> colour(specs.size(), 0);
    for (int i = 0; i < specs.size(); ++i) {
        QList<int> path;
        QStringList cycle;
        if (colour.at(i) == 0 && findCycle(i, edges, specs, &colour, &path, &cycle)) {
            const QStringList members = cycle.mid(0, cycle.size() - 1); // the first id ends it again
            *error = QStringLiteral("dependency cycle among job ids %1: %2")
                         .arg(quoted(members), cycle.join(QStringLiteral(" → ")));
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
