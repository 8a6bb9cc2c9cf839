#include "sshstdincommand.h"

#include "types/jobspec.h"
#include "types/rawbytes.h"

namespace procdeck::sshstdincommand {

namespace {

/// Reads exactly $n bytes (sysread: nothing more is taken from the stream, which stays the
/// command's), splits them at NUL and runs `/bin/sh -c FIRST sh REST…`. $b and $h name the
/// command in the one line said when the kernel there refuses it.
const char kReader[] =
    "($n,$b,$h)=@ARGV;$c=\"\";while(length($c)<$n){"
    "$r=sysread(STDIN,$c,$n-length($c),length($c));"
    "if(!$r){print STDERR \"procdeck: the command did not arrive on $h\\n\";exit 255}}"
    "@w=split(/\\0/,$c,-1);pop@w;$s=shift@w;{exec '/bin/sh','-c',$s,'sh',@w}"
    "if($!{E2BIG}){print STDERR \"procdeck: the command ($b bytes) is too long for $h: $!\\n\"}"
    "else{print STDERR \"procdeck: cannot run /bin/sh on $h: $!\\n\"}exit 255";

constexpr qsizetype kHexWord = 65536; // local arguments: well under Linux's 128 KiB each

const char kTooLong[] = "procdeck: the command (";

} // namespace

Carried carry(const QStringList &words, qsizetype commandBytes, const QString &host)
{
    QByteArray bytes;
    for (const QString &word : words)
        bytes += rawbytes::toBytes(word) + '\0';
    Carried c;
    c.readerLine = QStringLiteral("exec perl -e %1 %2 %3 %4")
                           .arg(shellQuote(QString::fromLatin1(kReader)))
                           .arg(bytes.size())
                           .arg(commandBytes)
                           .arg(shellQuote(host));
    const QByteArray hex = bytes.toHex();
    for (qsizetype at = 0; at < hex.size(); at += kHexWord)
        c.hexWords << QString::fromLatin1(hex.mid(at, kHexWord));
    return c;
}

QString localFeeder()
{
    return QStringLiteral("{ perl -e 'print pack q(H*),join q(),@ARGV' \"$@\" && exec cat; } | ");
}

QString tooLongLine(const QString &stderrText)
{
    const QStringList lines = stderrText.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty() || !lines.last().startsWith(QLatin1String(kTooLong)))
        return {};
    return lines.last().mid(int(qstrlen("procdeck: ")));
}

} // namespace procdeck::sshstdincommand
