#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace procdeck::parallel {

/// GNU parallel's quoting of one value for a Bourne shell (its shell_quote_scalar_default): left
/// bare when made only of letters, digits and -_.+/, else put in single quotes ('it'"'"'s'), the
/// empty string as ''. Matching it byte for byte is what makes --dry-run print what parallel
/// prints.
QString quote(const QString &value);

/// --trim: which white space is taken off each value before it is replaced into a command.
enum class Trim { None, Left, Right, Both };

/// True when `text` holds a perl expression replacement string {= … =}, which ProcDeck does not
/// run.
bool hasPerlExpression(const QString &text);

/// A command line with GNU parallel's replacement strings: {} {.} {/} {//} {/.} {#} {%} and the
/// positional {n} {n.} {n/} {n//} {n/.} (n from 1, or negative from the end).
class CommandTemplate final
{
public:
    /// The command words as given, joined with spaces as parallel joins them. Without any
    /// replacement string, {} is appended; an empty command is {} alone (each value is a command).
    /// Values are quoted unless a replacement string is part of the first word (`{}`, `{}.sh`).
    /// `whole` is what stands for the value (-I: `@@` instead of `{}`; then {} and {n} are text).
    /// `appendValues` false (--pipe --tee, as parallel): nothing is appended.
    static CommandTemplate forCommand(const QStringList &words,
                                      const QString &whole = QStringLiteral("{}"),
                                      bool appendValues = true);
    /// --tagstring: replacement strings are expanded, values are not quoted, nothing is appended.
    static CommandTemplate forTag(const QString &text, const QString &whole = QStringLiteral("{}"));

    /// -X, -N, -L: a word (text between spaces or tabs) holding {} or its kin is written once for
    /// each value, the copies separated by spaces, where otherwise {} is all values at once.
    void setContextReplace(bool on) { m_context = on; }
    /// -q: values are replaced bare and each word of the command, as given, is then quoted whole
    /// (`'x y.sh'` where otherwise `'x y'.sh`); a {} of several values makes a word of each.
    void setQuoteWords() { m_quoteWords = true; }

    /// The text for one job. `args` are its values, flat (every source of every record it took,
    /// in order; empty for -n0, whose values are replaced by nothing, not even ''); `seq` its
    /// number from 1; `slot` its job slot from 1. With
    /// `slotAt`, {%} is left as `{%}` and its offsets are kept there (JobSpec::slotAt): the
    /// scheduler gives the slot when the job starts.
    QString expand(const QStringList &args, int seq, int slot, Trim trim,
                   QList<qsizetype> *slotAt = nullptr) const;

private:
    enum class Kind { Whole, NoExtension, Basename, Dirname, BasenameNoExtension, Seq, Slot };
    struct Piece {
        QString literal;          ///< text copied as it is, when !isReplacement
        bool isReplacement = false;
        Kind kind = Kind::Whole;
        int position = 0; ///< 0: every value, space-separated; n > 0: the n-th; n < 0: from the end
        bool wordEnd = false; ///< the space between two of the command's words
    };

    static QList<Piece> split(const QString &text, const QString &whole);
    static void appendLiteral(QList<Piece> *pieces, const QString &text);
    QString value(Kind kind, const QString &arg, int seq, int slot, Trim trim) const;
    /// One replacement string for the value `arg` (positional ones take theirs from `args`).
    void replace(const Piece &p, const QStringList &args, const QString *arg, int seq, int slot,
                 Trim trim, QString *out, QList<qsizetype> *slotAt) const;
    void expandGroup(const QList<const Piece *> &group, const QStringList &args, int seq,
                     int slot, Trim trim, QString *out, QList<qsizetype> *slotAt) const;

    /// -q's expansion (setQuoteWords), in paralleltemplatequoted.cpp.
    struct QuotedLine;
    struct Expansion {
        int seq;
        int slot;
        Trim trim;
        bool markSlot; ///< {%} left for the scheduler
    };
    void quotedPiece(const Piece &p, const QStringList &args, const QString *arg,
                     const Expansion &e, QuotedLine *line) const;
    void quotedCopies(const QList<const Piece *> &group, const QStringList &args,
                      const Expansion &e, QuotedLine *line) const;
    QString expandQuotedWords(const QStringList &args, int seq, int slot, Trim trim,
                              QList<qsizetype> *slotAt) const;

    QList<Piece> m_pieces;
    bool m_quote = true;
    bool m_context = false;
    bool m_quoteWords = false;
};

} // namespace procdeck::parallel
