#include "sshlogin.h"

#include "shellwords.h"
#include "jobspec.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>

namespace procdeck {

QString SshLogin::text() const
{
    if (isLocal())
        return QStringLiteral(":");
    QStringList words;
    for (const QString &w : sshCommand)
        words << shellQuote(w);
    words << host;
    return words.join(QLatin1Char(' '));
}

QString SshLogin::hostName() const
{
    return host.section(QLatin1Char('@'), -1);
}

bool SshLogin::parse(const QString &text, SshLogin *login, QString *error,
                     const QStringList &defaultSsh)
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
    l.sshCommand = !words.isEmpty()     ? words
                 : !defaultSsh.isEmpty() ? defaultSsh
                                         : QStringList{QStringLiteral("ssh")};
    *login = l;
    return true;
}

bool SshLogin::parseList(const QString &text, QList<SshLogin> *logins, QString *error,
                         const QStringList &defaultSsh)
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
                          int *badLine, const QStringList &defaultSsh)
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
                        const QStringList &defaultSsh)
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
