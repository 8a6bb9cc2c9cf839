#include "resultstable.h"

#include "core/export/runlog.h"
#include "core/output/outputlog.h"
#include "core/process/job.h"
#include "core/types/rawbytes.h"

namespace {

/// parallel's combine_ref: quoted when it holds a quote (doubled), white space, the separator
/// or a NUL.
QByteArray field(QByteArray value, char sep)
{
    bool quoted = value.contains('"');
    value.replace("\"", "\"\"");
    for (const char c : value)
        quoted = quoted || c == sep || c == ' ' || c == '\t' || c == '\n' || c == '\r'
                || c == '\f' || c == '\v' || c == '\0';
    return quoted ? '"' + value + '"' : value;
}

} // namespace

namespace resultstable {

QByteArray header(qsizetype values, char sep, const QStringList &names)
{
    QList<QByteArray> columns{"Seq",     "Host",    "Starttime", "JobRuntime", "Send",
                              "Receive", "Exitval", "Signal",    "Command"};
    for (qsizetype v = 1; v <= values; ++v)
        columns << (names.isEmpty() ? "V" + QByteArray::number(v)
                                    : field(procdeck::rawbytes::toBytes(names.value(v - 1)), sep));
    columns << "Stdout" << "Stderr";
    return columns.join(sep) + '\n';
}

QByteArray row(const procdeck::Job &job, int seq, char sep)
{
    procdeck::ExportEntry entry;
    entry.record = job.record();
    entry.record.seq = seq;
    // The joblog's first eight columns, as parallel writes them there (its runtime unpadded).
    const QList<QByteArray> logged = procdeck::runlog::jobLogRow(entry).split('\t');
    QList<QByteArray> fields;
    for (qsizetype i = 0; i < 8 && i < logged.size(); ++i)
        fields << logged.at(i).trimmed();
    fields << procdeck::rawbytes::toBytes(entry.record.command);
    for (const QString &value : job.spec().values)
        fields << procdeck::rawbytes::toBytes(value);
    fields << job.stdoutLog().readAll() << job.stderrLog().readAll();
    QByteArray out;
    for (QByteArray &f : fields)
        out += (out.isEmpty() ? QByteArray() : QByteArray(1, sep)) + field(std::move(f), sep);
    return out + '\n';
}

} // namespace resultstable
