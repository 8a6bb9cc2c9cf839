#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace procdeck::parallel {

class PerlEvaluator;

/// GNU parallel's quoting of one value for a Bourne shell (its shell_quote_scalar_default): left
/// bare when made only of letters, digits and -_.+/, else put in single quotes ('it'"'"'s'), the
/// empty string as ''. Matching it byte for byte is what makes --dry-run print what parallel
/// prints.
QString quote(const QString &value);

/// --trim: which white space is taken off each value before it is replaced into a command.
enum class Trim { None, Left, Right, Both };
/// The value with --trim's white space (perl's \s) taken off.
QString trimmed(const QString &value, Trim trim);

/// What stands for each of GNU parallel's own replacement strings: -I renames {}, --er {.},
/// --bnr {/}, --dnr {//}, --bner {/.}, --seqreplace {#}, --slotreplace {%}. A renamed one's old
/// name is text; a name starting with '{' has positional forms ({1x} for {x}), as parallel's.
struct ReplacementNames {
    QString whole = QStringLiteral("{}");
    QString noExtension = QStringLiteral("{.}");
    QString basename = QStringLiteral("{/}");
    QString dirname = QStringLiteral("{//}");
    QString basenameNoExtension = QStringLiteral("{/.}");
    QString seq = QStringLiteral("{#}");
    QString slot = QStringLiteral("{%}");

    /// parallel's names, `whole` (-I) standing for {}.
    static ReplacementNames withWhole(const QString &whole)
    {
        ReplacementNames names;
        names.whole = whole;
        return names;
    }
};

/// A replacement string defined in perl (--rpl 'NAME PERL', --plus's): NAME is a regular
/// expression whose groups the perl reads as $$1, $$2 ….
struct Rpl {
    QString name;
    QString perl;
};
/// --plus's replacement strings ({+/} {+.} {..} {##} {%re} {/re/new} {:N:M} …) and --rpl's
/// ('NAME PERL' each): a --rpl of the same name wins, the last one given.
QList<Rpl> replacementStrings(const QStringList &rpl, bool plus);
/// What stands for a perl expression in a command's words between markPerl and split.
constexpr QChar kPerlOpen(0xE001);
constexpr QChar kPerlClose(0xE002);
/// The words with each {= … =} and each replacement string of `rpls` made a marked perl
/// expression (kPerlOpen, its position when it has one, its perl, kPerlClose), as parallel does
/// before it reads its own {} {.} …; words of one {= … =} split by the shell joined again.
QStringList markPerl(const QStringList &words, const QList<Rpl> &rpls);

/// A command line with GNU parallel's replacement strings: {} {.} {/} {//} {/.} {#} {%} and the
/// positional {n} {n.} {n/} {n//} {n/.} (n from 1, or negative from the end).
class CommandTemplate final
{
public:
    /// The command words as given, joined with spaces as parallel joins them. Without any
    /// replacement string, {} is appended; an empty command is {} alone (each value is a command).
    /// Values are quoted unless a replacement string is part of the first word (`{}`, `{}.sh`).
    /// `names`: what stands for each (-I: `@@` instead of `{}`; then {} and {n} are text).
    /// `appendValues` false (--pipe --tee, as parallel): nothing is appended.
    static CommandTemplate forCommand(const QStringList &words,
                                      const ReplacementNames &names = {},
                                      bool appendValues = true,
                                      const QList<Rpl> &rpls = {});
    /// --tagstring: replacement strings are expanded, values are not quoted, nothing is appended.
    static CommandTemplate forTag(const QString &text, const ReplacementNames &names = {},
                                  const QList<Rpl> &rpls = {});

    /// -X, -N, -L: a word (text between spaces or tabs) holding {} or its kin is written once for
    /// each value, the copies separated by spaces, where otherwise {} is all values at once.
    void setContextReplace(bool on) { m_context = on; }
    /// Compiles the template's perl expressions into `perl` (started then, if not already) and
    /// gives them the job's total (total_jobs()) and the slots (--plus's {0%}). False with a
    /// one-line *error when one does not compile. Without perl expressions, nothing is done.
    bool compilePerl(const std::shared_ptr<PerlEvaluator> &perl, int totalJobs, int slotCount,
                     QString *error);
    bool hasPerl() const;
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
    /// What GNU parallel adds for a --tag or --tagstring `tag` to this command's length, which
    /// -s limits (paralleltemplatelength.cpp): each replacement string of the tag that the
    /// command as written does not hold, once, as the command would replace it for the job's
    /// `records` (each its values; none for -n0).
    qsizetype tagLength(const CommandTemplate &tag, const QList<QStringList> &records, int seq,
                        Trim trim) const;

private:
    enum class Kind {
        Whole, NoExtension, Basename, Dirname, BasenameNoExtension, Seq, Slot, Perl
    };
    struct Piece {
        QString literal;          ///< text copied as it is, when !isReplacement
        bool isReplacement = false;
        Kind kind = Kind::Whole;
        int position = 0; ///< 0: every value, space-separated; n > 0: the n-th; n < 0: from the end
        bool wordEnd = false; ///< the space between two of the command's words
        QString perl = QString(); ///< Kind::Perl: the expression
        int perlId = -1;      ///< and its number in the PerlEvaluator
        bool appended = false; ///< the {} added to a command that had none
        /// The same replacement string (parallel's key in its length count).
        bool sameAs(const Piece &o) const
        {
            return isReplacement && o.isReplacement && kind == o.kind && position == o.position
                    && perl == o.perl;
        }
    };

    /// A marked perl expression (markPerl's, without its marks) as a piece: parallel's
    /// position first when it has one ({=2 … =}), the perl after it.
    static Piece perlPiece(const QString &marked);
    static QList<Piece> split(const QString &text, const ReplacementNames &names);
    static void appendLiteral(QList<Piece> *pieces, const QString &text);
    QString value(Kind kind, const QString &arg, int seq, int slot, Trim trim) const;
    /// The value at `index` of `args` for the replacement string `p`, quoted as it must be.
    QString one(const Piece &p, const QStringList &args, qsizetype index, int seq, int slot,
                Trim trim) const;
    QString noArgPerl(const Piece &p, int seq, int slot, Trim trim) const;
    QString perlValue(const Piece &p, const QStringList &args, qsizetype index, int seq, int slot,
                      Trim trim) const;
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
    std::shared_ptr<PerlEvaluator> m_perl;
    int m_totalJobs = 1;
    int m_slots = 1;
};

} // namespace procdeck::parallel
