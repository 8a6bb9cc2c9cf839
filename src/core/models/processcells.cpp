// What each of ProcessTreeModel's columns shows of a process, and sorts it by.
#include "processtreemodel.h"

#include <QCoreApplication>
#include <QLocale>

namespace procdeck {

namespace {

QString rate(double bytesPerSecond)
{
    const QString size = QLocale().formattedDataSize(qint64(bytesPerSecond), 1,
                                                     QLocale::DataSizeTraditionalFormat);
    //: bytes per second ("4.5 MiB/s")
    return QCoreApplication::translate("procdeck::ProcessTreeModel", "%1/s").arg(size);
}

} // namespace

QVariant processCell(const ProcessRow &r, bool ended, int column, bool sorting)
{
    using M = ProcessTreeModel;
    switch (M::Column(column)) {
    case M::PidColumn: return sorting ? QVariant(r.pid) : QVariant(QString::number(r.pid));
    case M::CommandColumn: // one line (the tooltip and the copy keep the newlines)
        return sorting ? r.command
                       : QString(r.command).replace(QLatin1Char('\n'), QLatin1Char(' '));
    case M::StateColumn:
        if (sorting)
            return ended ? -1 : int(uchar(r.state));
        //: a process that has ended, shown greyed for a few seconds
        return ended ? QCoreApplication::translate("procdeck::ProcessTreeModel", "ended")
                     : ProcessTreeModel::stateText(r.state);
    case M::CpuColumn:
        if (sorting)
            return r.cpuPercent;
        return ended ? QVariant()
                     : QVariant(QLocale().toString(r.cpuPercent, 'f', 1) + QStringLiteral(" %"));
    case M::MemoryColumn:
        if (sorting)
            return r.rssKb;
        return ended || r.state == 'Z' ? QVariant()
                                       : QVariant(QLocale().formattedDataSize(
                                               r.rssKb * 1024, 1,
                                               QLocale::DataSizeTraditionalFormat));
    case M::ThreadsColumn:
        if (sorting)
            return r.threads;
        return r.threads > 0 && !ended ? QVariant(QString::number(r.threads)) : QVariant();
    case M::ReadRateColumn:
    case M::WriteRateColumn: {
        const bool read = column == M::ReadRateColumn;
        const double bytes = read ? r.ioReadRate : r.ioWriteRate;
        if (sorting)
            return bytes;
        return (read ? r.ioReadBytes : r.ioWriteBytes) < 0 || ended ? QVariant()
                                                                    : QVariant(rate(bytes));
    }
    case M::DescriptorsColumn:
        if (sorting)
            return r.descriptors;
        return r.descriptors >= 0 && !ended ? QVariant(QString::number(r.descriptors))
                                            : QVariant();
    case M::ColumnCount: break;
    }
    return {};
}

} // namespace procdeck
