#pragma once

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <functional>

namespace procdeck::parallel {

/// How GNU parallel's --pipe cuts its standard input into blocks: --block, --recstart,
/// --recend, --regexp, -N and --header.
struct PipeRules {
    qint64 blockSize = 1024 * 1024; ///< --block (parallel's default 1M)
    QString recstart;               ///< --recstart: a record starts with it (none by default)
    QString recend = QStringLiteral("\n"); ///< --recend: a record ends with it
    bool regexp = false;            ///< --regexp: recstart and recend are perl regexps
    int records = 0;                ///< -N: this many records a block; 0: a block's worth
    QString header;                 ///< --header: a perl regexp (N: N lines); empty: none
    /// --rrs: each block without recend+recstart between its records, recstart at its start
    /// and recend at its end (the header is left as it is)
    bool removeSeparators = false;
};

/// --block's value as parallel reads it: a number with an optional unit, k = 1000, K = Ki =
/// 1024, m = 10^6, M = Mi = 2^20, g, G, t, T likewise. False for anything else or under 1.
bool readBlockSize(const QString &text, qint64 *bytes);

/// Cuts a stream into GNU parallel --pipe's blocks, the same bytes at the same places: reads a
/// block's worth (up to the next multiple of --block), hands out everything up to the last
/// record boundary in it (with -N, blocks of N records), keeps the rest for the next, and hands
/// out what is left at the end of the input whole. A record longer than the block grows the
/// block by 1.3, as parallel does. Reads only as blocks are asked for.
class PipeSplitter final
{
public:
    /// Like read(2): bytes read into the buffer, 0 at the end, -1 on an error.
    using Reader = std::function<qint64(char *buffer, qint64 size)>;

    PipeSplitter(const PipeRules &rules, Reader read);

    /// The next block, without the header (header() is to go before each); *offset is where it
    /// starts in the input. False at the end, or on a read error (error() then says).
    bool next(QByteArray *block, qint64 *offset);
    const QByteArray &header() const { return m_header; }
    QString error() const { return m_error; }
    /// "A record was longer than …" notes, as parallel warns; taken once.
    QStringList takeWarnings();
    /// False when a regexp (--regexp, --header) does not compile; *error says which.
    static bool check(const PipeRules &rules, QString *error);

private:
    /// --rrs: the patterns removeSeparators() takes out of each block.
    void prepareRemoval();
    void removeSeparators(QByteArray *block) const;
    void readHeader();
    void readBlock();
    void cut();
    void cutLast();
    void cutEveryN();
    void cutLastRegexp();
    void cutEveryNRegexp();
    void handOut(qint64 length);
    qint64 readSome(qint64 size);

    PipeRules m_rules;
    Reader m_read;
    QByteArray m_separator; ///< recend + recstart (fixed strings)
    QByteArray m_recend;
    QRegularExpression m_last;  ///< --regexp: the last record boundary
    QRegularExpression m_nth;   ///< --regexp -N: N records
    QRegularExpression m_garbage; ///< --regexp -N: what comes before the first recstart
    QRegularExpression m_between; ///< --rrs: recend+recstart
    QRegularExpression m_leading; ///< --rrs: recstart at a block's start
    QRegularExpression m_trailing; ///< --rrs: recend at its end
    QByteArray m_buffer;
    QByteArray m_header;
    QList<QByteArray> m_ready;  ///< blocks cut and not yet handed out
    QStringList m_warnings;
    QString m_error;
    qint64 m_blockSize;
    qint64 m_start = 0;         ///< m_buffer's bytes before it are handed out
    qint64 m_consumed = 0;      ///< input bytes before m_buffer's first
    QList<qint64> m_offsets;    ///< each ready block's offset
    bool m_started = false;
    bool m_eof = false;
    bool m_done = false;
    bool m_garbageSeen = false;
    bool m_anything = false;
};

} // namespace procdeck::parallel
