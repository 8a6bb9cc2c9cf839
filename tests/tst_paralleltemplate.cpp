// GNU parallel's templates and inputs on their own: quoting as parallel does, replacement strings,
// records, and how several sources combine.
#include "core/parallel/parallelcommand.h"
#include "core/parallel/parallelinput.h"
#include "core/parallel/paralleloptions.h"
#include "core/parallel/paralleltemplate.h"
#include "core/types/rawbytes.h"

#include <QTest>

using namespace procdeck;
using namespace procdeck::parallel;

class TestParallelTemplate : public QObject
{
    Q_OBJECT

private slots:
    void quotesAsParallel_data();
    void quotesAsParallel();
    void expandsReplacementStrings_data();
    void expandsReplacementStrings();
    void takesAnotherNameForTheValue();
    void tagsAreNotQuoted();
    void marksPerlExpressions();
    void splitsRecords();
    void combinesSources_data();
    void combinesSources();
};

void TestParallelTemplate::quotesAsParallel_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "abc-_.+/019XYZ" << "abc-_.+/019XYZ";
    QTest::newRow("empty") << "" << "''";
    QTest::newRow("space") << "a b" << "'a b'";
    QTest::newRow("inner quote") << "it's" << "'it'\"'\"'s'";
    QTest::newRow("leading quote") << "'a" << "\"'\"'a'";
    QTest::newRow("trailing quote") << "a'" << "'a'\"'\"";
    QTest::newRow("equals and tilde") << "a=~" << "'a=~'";
    QTest::newRow("dollar") << "$HOME" << "'$HOME'";
    QTest::newRow("non-ASCII") << "ü" << "'ü'";
}

void TestParallelTemplate::quotesAsParallel()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(quote(value), quoted);
}

void TestParallelTemplate::expandsReplacementStrings_data()
{
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("appended, quoted") << QStringList{"echo"} << QStringList{"a b"} << "echo 'a b'";
    QTest::newRow("two values appended") << QStringList{"echo"} << QStringList{"a", "b c"} << "echo a 'b c'";
    QTest::newRow("no command: the value is one") << QStringList{} << QStringList{"echo a;b"} << "echo a;b";
    QTest::newRow("{} is the command word") << QStringList{"{}.sh", "x"} << QStringList{"run me"} << "run me.sh x";
    QTest::newRow("V={} is quoted") << QStringList{"V={}"} << QStringList{"a b"} << "V='a b'";
    QTest::newRow("words joined by spaces") << QStringList{"echo", "a  b", "{}"} << QStringList{"x"} << "echo a  b x";
    QTest::newRow("positions") << QStringList{"echo {2} {1} {3}"} << QStringList{"a", "b"} << "echo b a ";
    QTest::newRow("negative position") << QStringList{"echo {-1}"} << QStringList{"a", "b"} << "echo b";
    QTest::newRow("every value for {} with -n") << QStringList{"echo x{}y"} << QStringList{"a", "b"} << "echo xa by";
    QTest::newRow("path parts") << QStringList{"echo {} {.} {/} {//} {/.}"} << QStringList{"a/b.c/d.e.f"}
                                << "echo a/b.c/d.e.f a/b.c/d.e d.e.f a/b.c d.e";
    QTest::newRow("positional path parts") << QStringList{"echo {2.} {2/} {2//} {2/.} {1}"} << QStringList{"z", "/x/y.tar"}
                                           << "echo /x/y y.tar /x y z";
    QTest::newRow("dirname of a bare name") << QStringList{"echo {//}"} << QStringList{"file"} << "echo .";
    QTest::newRow("dirname of a/") << QStringList{"echo {//}"} << QStringList{"a/"} << "echo .";
    QTest::newRow("dirname of /x") << QStringList{"echo {//}"} << QStringList{"/x"} << "echo /";
    QTest::newRow("dirname of a//b") << QStringList{"echo {//}"} << QStringList{"a//b"} << "echo a";
    QTest::newRow("extension only") << QStringList{"echo {.}"} << QStringList{".hidden"} << "echo ''";
    QTest::newRow("no extension past a slash") << QStringList{"echo {.}"} << QStringList{"a.b/c"} << "echo a.b/c";
    QTest::newRow("sequence and slot") << QStringList{"echo {#}-{%}"} << QStringList{"a", "b"} << "echo 7-2";
    // Latin-1 bytes, escaped by rawbytes into lone surrogates: cut and quoted as perl does bytes.
    QTest::newRow("bytes that are not UTF-8") << QStringList{"echo {.} {/}"} << QStringList{rawbytes::fromBytes("d\xe9/caf\xe9.b\xff")}
                                              << rawbytes::fromBytes("echo 'd\xe9/caf\xe9' 'caf\xe9.b\xff'");
    QTest::newRow("a dash is no position") << QStringList{"echo {-}"} << QStringList{"a"} << "echo {-} a";
    QTest::newRow("not replacement strings") << QStringList{"echo { } {x} {##}"} << QStringList{"a"} << "echo { } {x} {##} a";
}

void TestParallelTemplate::expandsReplacementStrings()
{
    QFETCH(QStringList, words);
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    QCOMPARE(CommandTemplate::forCommand(words).expand(args, 7, 2, Trim::None), expected);
}

void TestParallelTemplate::takesAnotherNameForTheValue()
{
    const QStringList args{QStringLiteral("a.b"), QStringLiteral("c d")};
    const ReplacementNames at = ReplacementNames::withWhole(QStringLiteral("@@"));
    const ReplacementNames x = ReplacementNames::withWhole(QStringLiteral("{x}"));
    QCOMPARE(CommandTemplate::forCommand({"echo", "@@", "{}", "{1}", "{1.}"}, at)
                     .expand(args, 1, 1, Trim::None),
             QStringLiteral("echo a.b 'c d' {} {1} a"));
    QCOMPARE(CommandTemplate::forCommand({"echo", "{x}", "{2x}"}, x).expand(args, 1, 1, Trim::None),
             QStringLiteral("echo a.b 'c d' 'c d'"));
    QCOMPARE(CommandTemplate::forCommand({"echo"}, at).expand(args, 1, 1, Trim::None),
             QStringLiteral("echo a.b 'c d'"));
}

void TestParallelTemplate::tagsAreNotQuoted()
{
    const CommandTemplate tag = CommandTemplate::forTag(QStringLiteral("[{#}] {}"));
    QCOMPARE(tag.expand({QStringLiteral("a b"), QStringLiteral("c")}, 3, 1, Trim::None), QStringLiteral("[3] a b c"));
    QCOMPARE(tag.expand({QStringLiteral("  x ")}, 1, 1, Trim::Both), QStringLiteral("[1] x"));
    QCOMPARE(tag.expand({QStringLiteral("  x ")}, 1, 1, Trim::Left), QStringLiteral("[1] x "));
}

void TestParallelTemplate::marksPerlExpressions()
{
    const auto marked = [](const QString &perl) { return kPerlOpen + perl + kPerlClose; };
    // Words of one {= =} that the shell split are one again; the innermost {= =} is the one, as
    // in parallel (the rest stays text).
    QCOMPARE(markPerl({"echo", "{=", "s/a/b/", "=}", "x"}, {}),
             (QStringList{"echo", marked(" s/a/b/ "), "x"}));
    QCOMPARE(markPerl({"{= $_ = \"{==}\" =}"}, {}),
             (QStringList{"{= $_ = \"" + marked("") + "\" =}"}));
    QCOMPARE(markPerl({"echo", "{} = x", "=}"}, {}), (QStringList{"echo", "{} = x", "=}"}));
    QCOMPARE(markPerl({"echo {=}", "{} = x"}, {}), QStringList{"echo {=} {} = x"}); // never closed
    // --rpl's groups are given to the perl quoted; the positional form keeps its number first.
    const QList<Rpl> rpls{{"{x(\\d)}", "$_ x= $$1"}};
    QCOMPARE(markPerl({"a{x3}b", "{-2x4}"}, rpls),
             (QStringList{"a" + marked("$_pAr_gRp1 = \"3\";$_ x= $_pAr_gRp1") + "b",
                          marked("-2$_pAr_gRp1 = \"4\";$_ x= $_pAr_gRp1")}));
    // Never inside an expression; the longest name first.
    const QList<Rpl> two{{"%", "A"}, {"%%", "B"}};
    QCOMPARE(markPerl({"{= % =}%%%"}, two), (QStringList{marked(" % ") + marked("B") + marked("A")}));
}

void TestParallelTemplate::splitsRecords()
{
    QCOMPARE(splitRecords("a\nb", "\n"), (QList<QByteArray>{"a", "b"}));
    QCOMPARE(splitRecords("a\n", "\n"), (QList<QByteArray>{"a"}));
    QCOMPARE(splitRecords("a\n\n", "\n"), (QList<QByteArray>{"a", ""}));
    QCOMPARE(splitRecords("", "\n"), QList<QByteArray>{});
    QCOMPARE(splitRecords("x::y::", "::"), (QList<QByteArray>{"x", "y"}));
    QCOMPARE(splitRecords(joinValues({"a,b", "c"}, ","), ","), (QList<QByteArray>{"a", "b", "c"}));
}

void TestParallelTemplate::combinesSources_data()
{
    QTest::addColumn<QList<InputSource>>("sources");
    QTest::addColumn<bool>("linkAll");
    QTest::addColumn<QList<QStringList>>("expected");
    const InputSource ab{{"a", "b"}};
    const InputSource abc{{"a", "b", "c"}};
    const InputSource n12{{"1", "2"}};
    const InputSource xy{{"x", "y"}};
    QTest::newRow("one") << QList<InputSource>{ab} << false << QList<QStringList>{{"a"}, {"b"}};
    QTest::newRow("first slowest") << QList<InputSource>{ab, n12} << false
                                   << QList<QStringList>{{"a", "1"}, {"a", "2"}, {"b", "1"}, {"b", "2"}};
    QTest::newRow("linked, shortest") << QList<InputSource>{abc, InputSource{{"1", "2"}, true}, xy} << false
                                      << QList<QStringList>{{"a", "1", "x"}, {"a", "1", "y"}, {"b", "2", "x"}, {"b", "2", "y"}};
    QTest::newRow("--link wraps") << QList<InputSource>{abc, n12} << true
                                  << QList<QStringList>{{"a", "1"}, {"b", "2"}, {"c", "1"}};
    QTest::newRow("an empty one is an empty value") << QList<InputSource>{ab, InputSource{}} << false
                                                    << QList<QStringList>{{"a", ""}, {"b", ""}};
    QTest::newRow("all empty") << QList<InputSource>{InputSource{}, InputSource{}} << false << QList<QStringList>{};
}

void TestParallelTemplate::combinesSources()
{
    QFETCH(QList<InputSource>, sources);
    QFETCH(bool, linkAll);
    QFETCH(QList<QStringList>, expected);
    QCOMPARE(combine(sources, linkAll), expected);
}

QTEST_MAIN(TestParallelTemplate)
#include "tst_paralleltemplate.moc"
