#include "sshlogin.h"

#include "shellwords.h"
#include "jobspec.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace procdeck {

namespace {

const QRegularExpression &blanks()
{
    static const QRegularExpression re(QStringLiteral("\\s+"));
    return re;
}

/// The ssh command as written before the host: the text up to the last word, when the shell
/// reads it as the words before the host (else those words quoted again).
QString commandBeforeHost(const QString &rest, const QStringList &before)
{
    static const QRegularExpression lastWord(QStringLiteral("\\s+\\S+$"));
    const QString written = rest.left(lastWord.match(rest).capturedStart()).trimmed();
    QStringList words;
    QString unused;
    if (shellwords::split(written, &words, &unused) && words == before)
        return written;
    QStringList quoted;
    for (const QString &word : before)
        quoted << shellQuote(word);
    return quoted.join(QLatin1Char(' '));
}

/// True when the shell would run `command "$@"` as these words and nothing more: no quotes,
/// expansions, pipes or assignments, and not a builtin that reads its words again.
bool runsWithoutShell(const QString &command)
{
    static const QRegularExpression plain(QStringLiteral("^[-_.+a-zA-Z0-9/=:,@%\\s]*$"));
    if (!plain.match(command).hasMatch())
        return false;
    const QString first = command.split(blanks(), Qt::SkipEmptyParts).value(0);
    static const QStringList builtins{QStringLiteral("eval"), QStringLiteral("exec"),
                                      QStringLiteral("command"), QStringLiteral("builtin")};
    return !first.isEmpty() && !first.contains(QLatin1Char('=')) && !builtins.contains(first);
}

} // namespace

QString SshLogin::text() const
{
    return isLocal() ? QStringLiteral(":") : sshCommand + QLatin1Char(' ') + host;
}

QString SshLogin::parallelText() const
{
    if (isLocal())
        return QStringLiteral(":");
    return ownSsh ? text() : host;
}

QStringList SshLogin::sshArgv(const QStringList &args) const
{
    if (runsWithoutShell(sshCommand))
        return sshCommand.split(blanks(), Qt::SkipEmptyParts) + args;
    return QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                       sshCommand + QStringLiteral(" \"$@\""), QStringLiteral("sh")}
            + args;
}

QString SshLogin::hostName() const
{
    return host.section(QLatin1Char('@'), -1);
}

bool SshLogin::parse(const QString &text, SshLogin *login, QString *error,
                     const QString &defaultSsh)
{
    SshLogin l;
    QString rest = text.trimmed();
    static const QRegularExpression slotsPrefix(QStringLiteral("^(\\d+)/"));
    if (const QRegularExpressionMatch m = slotsPrefix.match(rest); m.hasMatch()) {
        bool ok = false;
        l.slotCount = m.captured(1).toInt(&ok);
        if (!ok || l.slotCount < 1) {
            *error = QStringLiteral("'%1': the number of slots before '/' must be at least 1")
                             .arg(text);
            return false;
        }
        rest = rest.mid(m.capturedLength()).trimmed();
    }
    if (rest.isEmpty()) {
        *error = QStringLiteral("'%1': no host").arg(text);
        return false;
    }
    if (rest == QLatin1String(":")) {
        *login = l;
        return true;
    }
    QStringList words;
    if (!shellwords::split(rest, &words, error))
        return false;
    if (words.isEmpty() || words.last().isEmpty()) {
        *error = QStringLiteral("'%1': no host").arg(text);
        return false;
    }
    // GNU parallel takes `host # note` as the login `host #` at the host `note`, and runs nothing.
    const auto comment = std::find_if(words.cbegin(), words.cend(), [](const QString &w) {
        return w.startsWith(QLatin1Char('#'));
    });
    if (comment != words.cend()) {
        *error = QStringLiteral("'%1': a note after a login is not taken ('%2'); "
                                "a comment is a line of its own that starts with '#'")
                     .arg(text, *comment);
        return false;
    }
    l.host = words.takeLast();
    if (l.host.startsWith(QLatin1Char('-'))) {
        *error = QStringLiteral("'%1': the last word must be the host, not the option '%2'")
                         .arg(text, l.host);
        return false;
    }
    l.ownSsh = !words.isEmpty();
    l.sshCommand = l.ownSsh                       ? commandBeforeHost(rest, words)
                 : !defaultSsh.trimmed().isEmpty() ? defaultSsh.trimmed()
                                                   : QStringLiteral("ssh");
    *login = l;
    return true;
}

bool SshLogin::parseList(const QString &text, QList<SshLogin> *logins, QString *error,
                         const QString &defaultSsh)
{
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        SshLogin login;
        if (!parse(part, &login, error, defaultSsh))
            return false;
        logins->append(login);
    }
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("empty login");
        return false;
    }
    return true;
}

bool SshLogin::parseLines(const QString &text, QList<SshLogin> *logins, QString *error,
                          int *badLine, const QString &defaultSsh)
{
    int lineNumber = 0;
    for (const QString &raw : text.split(QLatin1Char('\n'))) {
        ++lineNumber;
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        SshLogin login;
        if (!parse(line, &login, error, defaultSsh)) {
            *badLine = lineNumber;
            return false;
        }
        logins->append(login);
    }
    return true;
}

bool SshLogin::readFile(const QString &path, QList<SshLogin> *logins, QString *error,
                        const QString &defaultSsh)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return false;
    }
    const qsizetype before = logins->size();
    int badLine = 0;
    if (!parseLines(QString::fromUtf8(file.readAll()), logins, error, &badLine, defaultSsh)) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(badLine).arg(*error);
        return false;
    }
    if (logins->size() == before) {
        *error = QStringLiteral("'%1' names no login").arg(path);
        return false;
    }
    return true;
}

} // namespace procdeck
