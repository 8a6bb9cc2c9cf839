#pragma once
// GNU parallel's --results NAME.csv / NAME.tsv: one table, a row for each job as it is printed.

#include <QByteArray>
#include <QStringList>

namespace procdeck {
class Job;
}

namespace resultstable {

/// The header row: Seq,Host,…,Command,V1…Vn,Stdout,Stderr with `sep` between; --header's
/// `names` instead of V1…Vn when given (empty past them, as parallel's).
QByteArray header(qsizetype values, char sep, const QStringList &names = {});
/// `job`'s row (its number `seq`), its output read whole (waits for its spill files' writer).
QByteArray row(const procdeck::Job &job, int seq, char sep);

} // namespace resultstable
