#include "paralleltemplate.h"

#include "types/rawbytes.h"

#include <algorithm>

namespace procdeck::parallel {

// GNU parallel reckons a command's length for -s from counts, not from the command: each
// replacement string is a key counted as often as the command holds it, and a --tagstring's
// keys are counted too, once, when the command does not hold them (a command with no
// replacement string gets its {} after that, and so counts {} twice with --tag). Measured
// against parallel 20221122 (-D length): a key adds the values it makes for the job's
// arguments, and the spaces between them unless -X/-m copies the words around it.

qsizetype CommandTemplate::tagLength(const CommandTemplate &tag, const QList<QStringList> &records,
                                     int seq, Trim trim) const
{
    qsizetype recordArgs = 0; // parallel's number_of_recargs
    for (const QStringList &record : records)
        recordArgs += record.size();
    if (recordArgs == 0)
        return 0;
    QList<const Piece *> counted;
    qsizetype length = 0;
    for (const Piece &p : tag.m_pieces) {
        const auto same = [&p](const Piece *o) { return o->sameAs(p); };
        const bool inCommand = std::any_of(m_pieces.cbegin(), m_pieces.cend(),
                                           [&p](const Piece &o) {
                                               return !o.appended && o.sameAs(p);
                                           });
        if (!p.isReplacement || inCommand || std::any_of(counted.cbegin(), counted.cend(), same))
            continue;
        counted << &p;
        CommandTemplate alone; // the key as this command would replace it
        alone.m_pieces = {p};
        alone.m_quote = m_quote;
        alone.m_perl = tag.m_perl;
        alone.m_totalJobs = tag.m_totalJobs;
        alone.m_slots = tag.m_slots;
        // Every value of the job (the spaces between them taken off), or one a record
        // (positional, {#}, {%}). The job's values at once: perl's answers are the job's.
        if (p.position == 0 && p.kind != Kind::Seq && p.kind != Kind::Slot) {
            QStringList args;
            for (const QStringList &record : records)
                args += record;
            length += rawbytes::toBytes(alone.expand(args, seq, 1, trim)).size()
                    - (recordArgs - 1);
        } else {
            for (const QStringList &record : records)
                length += rawbytes::toBytes(alone.expand(record, seq, 1, trim)).size();
        }
        if (!m_context)
            length += recordArgs - 1; // the spaces between the values
    }
    return length;
}

} // namespace procdeck::parallel
