#include "historycommand.h"

#include "core/history/history.h"
#include "core/process/processgroup.h"
#include "core/export/runlog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cstdio>

using namespace procdeck;

int printHistory(const QString &databasePath, int limit, bool json)
{
    History history;
    QString error;
    QString notice;
    if (!history.open(databasePath, &error, &notice)) {
        std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(error));
        return 255;
    }
    if (!notice.isEmpty())
        std::fprintf(stderr, "procdeck-cli: %s\n", qPrintable(notice));
    const QList<HistoryEntry> entries = history.recent(limit);
    if (!json && !entries.isEmpty())
        std::printf("%-19s  %-15s  %7s  %10s  %s\n", "STARTED", "STATE", "EXIT", "DURATION",
                    "COMMAND");
    for (const HistoryEntry &e : entries) {
        const JobRecord &r = e.record;
        if (json) {
            ExportEntry entry;
            entry.record = r;
            QJsonObject o = runlog::toJson(entry);
            o.remove(QStringLiteral("stdout")); // the history keeps counts and files, not texts
            o.remove(QStringLiteral("stderr"));
            o.remove(QStringLiteral("stdout_truncated"));
            o.remove(QStringLiteral("stderr_truncated"));
            o.remove(QStringLiteral("stdout_lines"));
            o.remove(QStringLiteral("stderr_lines"));
            o.insert(QStringLiteral("state"), e.stateKey);
            o.insert(QStringLiteral("run"), e.runId);
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
            continue;
        }
        const QDateTime when = r.startedAt.isValid() ? r.startedAt : r.queuedAt;
        const QString exit = r.signal > 0
                ? processgroup::signalName(r.signal)
                : (r.exitCode >= 0 ? QString::number(r.exitCode) : QStringLiteral("-"));
        std::printf("%-19s  %-15s  %7s  %9.3fs  %s\n",
                    qPrintable(when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
                    qPrintable(e.stateKey), qPrintable(exit), double(r.durationMs) / 1000.0,
                    qPrintable(r.command));
    }
    return 0;
}
