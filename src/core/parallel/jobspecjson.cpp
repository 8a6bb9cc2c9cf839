#include "jobspecjson.h"

#include "types/shellwords.h"
#include "types/steeringjson.h"
#include "output/textdecoder.h"

#include <QJsonArray>

namespace procdeck::jobspecjson {

namespace {

bool fail(Problem *problem, const QString &key, const QString &what)
{
    *problem = {key, what};
    return false;
}

bool noNul(const QString &text, const QString &key, Problem *problem)
{
    if (text.contains(QChar(0)))
        return fail(
                problem, key,
                QStringLiteral("holds a NUL character (\\u0000), which no command line can carry"));
    return true;
}

bool readSeconds(const QJsonObject &o, const QString &key, double *out, Problem *problem)
{
    if (!o.contains(key))
        return true;
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || v.toDouble() < 0)
        return fail(problem, key, QStringLiteral("expected a number of seconds ≥ 0"));
    *out = v.toDouble();
    return true;
}

bool readBool(const QJsonObject &o, const QString &key, bool *out, Problem *problem)
{
    if (!o.contains(key))
        return true;
    if (!o.value(key).isBool())
        return fail(problem, key, QStringLiteral("expected true or false"));
    *out = o.value(key).toBool();
    return true;
}

/// "env" as {"KEY": "VALUE"} or ["KEY=VALUE", …]; a variable replaces the one of the same name.
bool readEnvironment(const QJsonValue &env, JobSpec *spec, Problem *problem)
{
    auto set = [spec](const QString &entry) {
        const QString key = entry.left(entry.indexOf(QLatin1Char('=')) + 1);
        spec->environment.removeIf([&key](const QString &e) { return e.startsWith(key); });
        spec->environment << entry;
    };
    if (env.isObject()) {
        const QJsonObject vars = env.toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it) {
            QString value;
            if (QString why; !scalarText(it.value(), &value, &why))
                return fail(problem, QStringLiteral("env.") + it.key(), why);
            set(it.key() + QLatin1Char('=') + value);
        }
        return true;
    }
    if (!env.isArray())
        return fail(problem, QStringLiteral("env"),
                    QStringLiteral("expected an object {\"KEY\": \"VALUE\"}"));
    for (const QJsonValue &entry : env.toArray()) {
        if (!entry.isString() || entry.toString().indexOf(QLatin1Char('=')) <= 0)
            return fail(problem, QStringLiteral("env"),
                        QStringLiteral("expected \"KEY=VALUE\" entries"));
        if (!noNul(entry.toString(), QStringLiteral("env"), problem))
            return false;
        set(entry.toString());
    }
    return true;
}

/// The command: "command" (through the shell, or split into argv with "shell": false), else
/// "program" and "args".
bool readCommand(const QJsonObject &o, JobSpec *spec, Problem *problem)
{
    const QJsonValue command = o.value(QLatin1String("command"));
    const bool hasProgram = o.value(QLatin1String("program")).isString();
    if (command.isString() && !(hasProgram && command.toString().isEmpty())) {
        if (!noNul(command.toString(), QStringLiteral("command"), problem))
            return false;
        if (!o.contains(QLatin1String("shell")))
            spec->useShell = true;
        spec->shellCommand = command.toString();
        if (!spec->useShell) {
            QStringList words;
            QString splitError;
            if (!shellwords::split(spec->shellCommand, &words, &splitError) || words.isEmpty())
                return fail(problem, QStringLiteral("command"),
                            splitError.isEmpty() ? QStringLiteral("empty command") : splitError);
            spec->program = words.takeFirst();
            spec->arguments = words;
            spec->shellCommand.clear();
        }
    } else if (hasProgram) {
        spec->useShell = false;
        spec->program = o.value(QLatin1String("program")).toString();
        if (!noNul(spec->program, QStringLiteral("program"), problem))
            return false;
        const QJsonValue args = o.value(QLatin1String("args"));
        if (!args.isUndefined() && !args.isArray())
            return fail(problem, QStringLiteral("args"),
                        QStringLiteral("expected an array of strings"));
        const QJsonArray list = args.toArray();
        spec->arguments.clear();
        for (qsizetype k = 0; k < list.size(); ++k) {
            QString arg;
            if (QString why; !scalarText(list[k], &arg, &why))
                return fail(problem, QStringLiteral("args[%1]").arg(k), why);
            spec->arguments << arg;
        }
    } else {
        return fail(problem, {},
                    QStringLiteral("expected \"command\" (a string) or \"program\" (a string)"));
    }
    if ((spec->useShell ? spec->shellCommand : spec->program).trimmed().isEmpty())
        return fail(problem, {}, QStringLiteral("empty command"));
    return true;
}

/// "values": what the job's batch or GNU parallel's arguments gave it, an array of strings (the
/// window's Value column). Absent: none.
bool readValues(const QJsonObject &o, JobSpec *spec, Problem *problem)
{
    const QJsonValue values = o.value(QLatin1String("values"));
    if (values.isUndefined())
        return true;
    if (!values.isArray())
        return fail(problem, QStringLiteral("values"),
                    QStringLiteral("expected an array of strings"));
    spec->values.clear();
    const QJsonArray array = values.toArray();
    for (qsizetype k = 0; k < array.size(); ++k) {
        QString value;
        if (QString why; !scalarText(array.at(k), &value, &why))
            return fail(problem, QStringLiteral("values[%1]").arg(k), why);
        spec->values << value;
    }
    return true;
}

/// Standard input: "input_base64" (any bytes) or "input" (text, kept as UTF-8).
bool readInput(const QJsonObject &o, JobSpec *spec, Problem *problem)
{
    if (o.contains(QLatin1String("input_base64"))) {
        const auto decoded = QByteArray::fromBase64Encoding(
                o.value(QLatin1String("input_base64")).toString().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
        if (!o.value(QLatin1String("input_base64")).isString() || !decoded)
            return fail(problem, QStringLiteral("input_base64"),
                        QStringLiteral("expected the input's bytes in base64"));
        spec->standardInput = *decoded;
    } else if (o.contains(QLatin1String("input"))) {
        spec->standardInput = o.value(QLatin1String("input")).toString().toUtf8();
    }
    if (o.contains(QLatin1String("stdin_file"))) {
        if (!o.value(QLatin1String("stdin_file")).isString())
            return fail(problem, QStringLiteral("stdin_file"),
                        QStringLiteral("expected a file path"));
        spec->standardInputFile = o.value(QLatin1String("stdin_file")).toString();
    }
    return true;
}

} // namespace

const QStringList &settingKeys()
{
    static const QStringList keys
            = QStringList { QStringLiteral("timeout_s"), QStringLiteral("timeout_action"),
                            QStringLiteral("grace_s"),   QStringLiteral("encoding"),
                            QStringLiteral("cwd"),       QStringLiteral("env"),
                            QStringLiteral("shell"),     QStringLiteral("pty"),
                            QStringLiteral("nice") }
            + steeringjson::settingKeys();
    return keys;
}

const QStringList &jobKeys()
{
    static const QStringList keys = QStringList {
        QStringLiteral("command"),   QStringLiteral("program"), QStringLiteral("args"),
        QStringLiteral("label"),     QStringLiteral("input"),   QStringLiteral("input_base64"),
        QStringLiteral("stdin_file"), QStringLiteral("values")
    } + steeringjson::jobKeys();
    return keys;
}

bool scalarText(const QJsonValue &v, QString *out, QString *problem)
{
    if (v.isString()) {
        *out = v.toString();
    } else if (v.isDouble() || v.isBool()) {
        *out = v.toVariant().toString();
    } else {
        *problem = QStringLiteral("expected a string, not %1")
                           .arg(v.isNull()             ? QStringLiteral("null")
                                        : v.isObject() ? QStringLiteral("an object")
                                                       : QStringLiteral("an array"));
        return false;
    }
    if (Problem nul; !noNul(*out, {}, &nul)) {
        *problem = nul.what;
        return false;
    }
    return true;
}

QJsonObject settingsToJson(const JobSpec &spec)
{
    QJsonObject o;
    o.insert(QStringLiteral("timeout_s"), spec.timeoutSeconds);
    o.insert(QStringLiteral("timeout_action"), timeoutActionKey(spec.timeoutAction));
    o.insert(QStringLiteral("grace_s"), spec.graceSeconds);
    o.insert(QStringLiteral("encoding"), spec.encoding);
    if (!spec.workingDirectory.isEmpty())
        o.insert(QStringLiteral("cwd"), spec.workingDirectory);
    if (!spec.environment.isEmpty())
        o.insert(QStringLiteral("env"), QJsonArray::fromStringList(spec.environment));
    o.insert(QStringLiteral("shell"), spec.useShell);
    o.insert(QStringLiteral("pty"), spec.pty);
    o.insert(QStringLiteral("nice"), spec.nice);
    steeringjson::writeSettings(spec, &o);
    return o;
}

bool settingsFromJson(const QJsonObject &o, JobSpec *spec, Problem *problem)
{
    if (QString key, why; !steeringjson::read(o, steeringjson::settingKeys(), spec, &key, &why))
        return fail(problem, key, why);
    if (!readSeconds(o, QStringLiteral("timeout_s"), &spec->timeoutSeconds, problem)
        || !readSeconds(o, QStringLiteral("grace_s"), &spec->graceSeconds, problem))
        return false;
    if (o.contains(QLatin1String("timeout_action"))
        && !timeoutActionFromKey(o.value(QLatin1String("timeout_action")).toString(),
                                 &spec->timeoutAction))
        return fail(problem, QStringLiteral("timeout_action"),
                    QStringLiteral("expected \"kill\" or \"mark\""));
    if (o.contains(QLatin1String("encoding"))) {
        spec->encoding = o.value(QLatin1String("encoding")).toString();
        if (!TextDecoder::isKnown(spec->encoding))
            return fail(problem, QStringLiteral("encoding"),
                        QStringLiteral("unknown encoding '%1'").arg(spec->encoding));
    }
    if (o.contains(QLatin1String("cwd"))) {
        if (!o.value(QLatin1String("cwd")).isString())
            return fail(problem, QStringLiteral("cwd"),
                        QStringLiteral("expected a directory path"));
        spec->workingDirectory = o.value(QLatin1String("cwd")).toString();
    }
    if (!readBool(o, QStringLiteral("shell"), &spec->useShell, problem)
        || !readBool(o, QStringLiteral("pty"), &spec->pty, problem))
        return false;
    if (const QJsonValue nice = o.value(QLatin1String("nice")); !nice.isUndefined()) {
        if (!nice.isDouble() || nice.toDouble() != double(nice.toInt()) || nice.toInt() < -20
            || nice.toInt() > 19)
            return fail(problem, QStringLiteral("nice"),
                        QStringLiteral("expected a whole number from -20 to 19"));
        spec->nice = nice.toInt();
    }
    return !o.contains(QLatin1String("env"))
            || readEnvironment(o.value(QLatin1String("env")), spec, problem);
}

QJsonObject toJson(const JobSpec &spec, const JobSpec *base)
{
    QJsonObject o = settingsToJson(spec);
    if (base) {
        const QJsonObject defaults = settingsToJson(*base);
        for (auto it = defaults.begin(); it != defaults.end(); ++it)
            if (o.value(it.key()) == it.value())
                o.remove(it.key());
        if (o.contains(QLatin1String("env"))) {
            QStringList changed = spec.environment; // only the variables the job adds or changes
            changed.removeIf([base](const QString &e) { return base->environment.contains(e); });
            o.insert(QStringLiteral("env"), QJsonArray::fromStringList(changed));
        }
    }
    if (spec.useShell) {
        o.insert(QStringLiteral("command"), spec.shellCommand);
    } else {
        o.insert(QStringLiteral("program"), spec.program);
        o.insert(QStringLiteral("args"), QJsonArray::fromStringList(spec.arguments));
    }
    if (!spec.label.isEmpty())
        o.insert(QStringLiteral("label"), spec.label);
    if (!spec.standardInput.isEmpty()) {
        const QString text = QString::fromUtf8(spec.standardInput);
        if (text.toUtf8() == spec.standardInput)
            o.insert(QStringLiteral("input"), text);
        else
            o.insert(QStringLiteral("input_base64"),
                     QString::fromLatin1(spec.standardInput.toBase64()));
    }
    if (!spec.standardInputFile.isEmpty())
        o.insert(QStringLiteral("stdin_file"), spec.standardInputFile);
    if (!spec.values.isEmpty())
        o.insert(QStringLiteral("values"), QJsonArray::fromStringList(spec.values));
    steeringjson::writeJobKeys(spec, &o);
    return o;
}

bool fromJson(const QJsonObject &o, JobSpec *spec, Problem *problem)
{
    if (!settingsFromJson(o, spec, problem) || !readCommand(o, spec, problem)
        || !readInput(o, spec, problem) || !readValues(o, spec, problem))
        return false;
    spec->label = o.value(QLatin1String("label")).toString();
    if (QString key, why; !steeringjson::read(o, steeringjson::jobKeys(), spec, &key, &why))
        return fail(problem, key, why);
    return true;
}

} // namespace procdeck::jobspecjson
