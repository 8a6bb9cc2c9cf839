#include "batchfile.h"

#include "batch.h"
#include "batchfilesteering.h"
#include "jobdependencies.h"
#include "textdecoder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace procdeck {

namespace {

const QStringList kTopKeys = {QStringLiteral("name"), QStringLiteral("max_parallel"), QStringLiteral("defaults"),
                              QStringLiteral("jobs"), QStringLiteral("template")};
const QStringList kSettingKeys = QStringList{QStringLiteral("timeout_s"), QStringLiteral("timeout_action"), QStringLiteral("grace_s"),
                                  QStringLiteral("encoding"), QStringLiteral("cwd"), QStringLiteral("env"),
                                  QStringLiteral("shell"), QStringLiteral("pty")} + batchfilesteering::settingKeys();
const QStringList kJobKeys = QStringList{QStringLiteral("command"), QStringLiteral("program"), QStringLiteral("args"),
                              QStringLiteral("label"), QStringLiteral("input")} + batchfilesteering::jobKeys();
const QStringList kTemplateKeys = {QStringLiteral("command"), QStringLiteral("range"), QStringLiteral("values")};

/// 1-based line and column of a byte offset.
QPair<int, int> lineAndColumn(const QByteArray &text, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, column};
}

struct Reader {
    QString file;
    QStringList *warnings;
    QString error;

    bool fail(const QString &where, const QString &what)
    {
        error = QStringLiteral("%1: %2: %3").arg(file, where, what);
        return false;
    }
    void warnUnknown(const QJsonObject &o, const QStringList &known, const QString &where)
    {
        for (const QString &key : o.keys())
            if (!known.contains(key) && warnings)
                warnings->append(QStringLiteral("%1: %2: unknown key '%3' ignored").arg(file, where, key));
    }

    /// A string, or a number or true/false as text; null, an object or an array is refused
    /// (it used to become "" without a word). No NUL either: it would cut a command short.
    bool scalarText(const QJsonValue &v, const QString &where, QString *out)
    {
        if (v.isString())
            *out = v.toString();
        else if (v.isDouble() || v.isBool())
            *out = v.toVariant().toString();
        else
            return fail(where, QStringLiteral("expected a string, not %1")
                                   .arg(v.isNull() ? QStringLiteral("null") : v.isObject() ? QStringLiteral("an object") : QStringLiteral("an array")));
        return noNul(*out, where);
    }
    bool noNul(const QString &text, const QString &where)
    {
        if (text.contains(QChar(0)))
            return fail(where, QStringLiteral("holds a NUL character (\\u0000), which no command line can carry"));
        return true;
    }

    /// Applies timeout/encoding/cwd/env/shell/pty/retry settings found in `o` to `spec`.
    bool applySettings(const QJsonObject &o, const QString &where, JobSpec *spec)
    {
        if (QString key, why; !batchfilesteering::read(o, batchfilesteering::settingKeys(), spec, &key, &why))
            return fail(where + QLatin1Char('.') + key, why);
        if (o.contains(QLatin1String("timeout_s"))) {
            const QJsonValue v = o.value(QLatin1String("timeout_s"));
            if (!v.isDouble() || v.toDouble() < 0)
                return fail(where + QStringLiteral(".timeout_s"), QStringLiteral("expected a number of seconds ≥ 0"));
            spec->timeoutSeconds = v.toDouble();
        }
        if (o.contains(QLatin1String("grace_s"))) {
            const QJsonValue v = o.value(QLatin1String("grace_s"));
            if (!v.isDouble() || v.toDouble() < 0)
                return fail(where + QStringLiteral(".grace_s"), QStringLiteral("expected a number of seconds ≥ 0"));
            spec->graceSeconds = v.toDouble();
        }
        if (o.contains(QLatin1String("timeout_action"))
            && !timeoutActionFromKey(o.value(QLatin1String("timeout_action")).toString(), &spec->timeoutAction))
            return fail(where + QStringLiteral(".timeout_action"), QStringLiteral("expected \"kill\" or \"mark\""));
        if (o.contains(QLatin1String("encoding"))) {
            spec->encoding = o.value(QLatin1String("encoding")).toString();
            if (!TextDecoder::isKnown(spec->encoding))
                return fail(where + QStringLiteral(".encoding"), QStringLiteral("unknown encoding '%1'").arg(spec->encoding));
        }
        if (o.contains(QLatin1String("cwd"))) {
            if (!o.value(QLatin1String("cwd")).isString())
                return fail(where + QStringLiteral(".cwd"), QStringLiteral("expected a directory path"));
            spec->workingDirectory = o.value(QLatin1String("cwd")).toString();
        }
        if (o.contains(QLatin1String("shell"))) {
            if (!o.value(QLatin1String("shell")).isBool())
                return fail(where + QStringLiteral(".shell"), QStringLiteral("expected true or false"));
            spec->useShell = o.value(QLatin1String("shell")).toBool();
        }
        if (o.contains(QLatin1String("pty"))) {
            if (!o.value(QLatin1String("pty")).isBool())
                return fail(where + QStringLiteral(".pty"), QStringLiteral("expected true or false"));
            spec->pty = o.value(QLatin1String("pty")).toBool();
        }
        if (o.contains(QLatin1String("env"))) {
            const QJsonValue env = o.value(QLatin1String("env"));
            // A job's variable replaces the default's of the same name.
            auto set = [spec](const QString &entry) {
                const QString key = entry.left(entry.indexOf(QLatin1Char('=')) + 1);
                spec->environment.removeIf([&key](const QString &e) { return e.startsWith(key); });
                spec->environment << entry;
            };
            if (env.isObject()) {
                const QJsonObject vars = env.toObject();
                for (auto it = vars.begin(); it != vars.end(); ++it) {
                    QString value;
                    if (!scalarText(it.value(), where + QStringLiteral(".env.") + it.key(), &value))
                        return false;
                    set(it.key() + QLatin1Char('=') + value);
                }
            } else if (env.isArray()) {
                for (const QJsonValue &entry : env.toArray()) {
                    if (!entry.isString() || entry.toString().indexOf(QLatin1Char('=')) <= 0)
                        return fail(where + QStringLiteral(".env"), QStringLiteral("expected \"KEY=VALUE\" entries"));
                    if (!noNul(entry.toString(), where + QStringLiteral(".env")))
                        return false;
                    set(entry.toString());
                }
            } else {
                return fail(where + QStringLiteral(".env"), QStringLiteral("expected an object {\"KEY\": \"VALUE\"}"));
            }
        }
        return true;
    }
};

QJsonObject settingsJsonWhole(const JobSpec &d);

/// The settings of `d`; with `base`, only those that differ from it (a job's overrides).
QJsonObject settingsJson(const JobSpec &d, const JobSpec *base = nullptr)
{
    QJsonObject o = settingsJsonWhole(d);
    if (!base)
        return o;
    const QJsonObject defaults = settingsJsonWhole(*base);
    for (const QString &key : defaults.keys())
        if (o.value(key) == defaults.value(key))
            o.remove(key);
    if (o.contains(QLatin1String("env")) && defaults.contains(QLatin1String("env"))) {
        QJsonObject env = o.value(QLatin1String("env")).toObject(); // only the variables the job changes
        const QJsonObject baseEnv = defaults.value(QLatin1String("env")).toObject();
        for (const QString &key : baseEnv.keys())
            if (env.value(key) == baseEnv.value(key))
                env.remove(key);
        o.insert(QStringLiteral("env"), env);
    }
    return o;
}

QJsonObject settingsJsonWhole(const JobSpec &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("timeout_s"), d.timeoutSeconds);
    o.insert(QStringLiteral("timeout_action"), timeoutActionKey(d.timeoutAction));
    o.insert(QStringLiteral("grace_s"), d.graceSeconds);
    o.insert(QStringLiteral("encoding"), d.encoding);
    if (d.pty)
        o.insert(QStringLiteral("pty"), true);
    if (!d.workingDirectory.isEmpty())
        o.insert(QStringLiteral("cwd"), d.workingDirectory);
    if (!d.environment.isEmpty()) {
        QJsonObject env;
        for (const QString &e : d.environment) {
            const qsizetype eq = e.indexOf(QLatin1Char('='));
            env.insert(e.left(eq), e.mid(eq + 1));
        }
        o.insert(QStringLiteral("env"), env);
    }
    o.insert(QStringLiteral("shell"), d.useShell);
    batchfilesteering::writeSettings(d, &o);
    return o;
}

} // namespace

bool BatchFile::load(const QString &path, BatchFile *out, QString *error, QStringList *warnings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray text = file.readAll();
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("%1: the file is empty: expected a JSON object such as {\"jobs\": [{\"command\": \"echo hi\"}]}").arg(path);
        return false;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(text, parseError.offset);
        *error = QStringLiteral("%1:%2:%3: %4 (not valid JSON; expected a batch object)")
                     .arg(path)
                     .arg(line)
                     .arg(column)
                     .arg(parseError.errorString());
        return false;
    }
    Reader r{path, warnings, {}};
    auto failWith = [&](bool) { *error = r.error; return false; };
    if (!doc.isObject())
        return failWith(r.fail(QStringLiteral("top level"), QStringLiteral("expected a JSON object with \"jobs\" or \"template\"")));
    const QJsonObject top = doc.object();
    r.warnUnknown(top, kTopKeys, QStringLiteral("top level"));

    BatchFile b;
    b.defaults.useShell = true;
    b.name = top.value(QLatin1String("name")).toString();
    if (top.contains(QLatin1String("max_parallel"))) {
        const QJsonValue v = top.value(QLatin1String("max_parallel"));
        if (!v.isDouble() || v.toInt() < 1 || v.toDouble() != v.toInt())
            return failWith(r.fail(QStringLiteral("max_parallel"), QStringLiteral("expected a whole number ≥ 1")));
        b.maxParallel = v.toInt();
    }
    if (top.contains(QLatin1String("defaults"))) {
        if (!top.value(QLatin1String("defaults")).isObject())
            return failWith(r.fail(QStringLiteral("defaults"), QStringLiteral("expected an object")));
        const QJsonObject d = top.value(QLatin1String("defaults")).toObject();
        r.warnUnknown(d, kSettingKeys, QStringLiteral("defaults"));
        if (!r.applySettings(d, QStringLiteral("defaults"), &b.defaults))
            return failWith(false);
    }
    if (top.contains(QLatin1String("jobs"))) {
        if (!top.value(QLatin1String("jobs")).isArray())
            return failWith(r.fail(QStringLiteral("jobs"), QStringLiteral("expected an array of jobs")));
        const QJsonArray jobs = top.value(QLatin1String("jobs")).toArray();
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            const QString where = QStringLiteral("jobs[%1]").arg(i);
            if (!jobs[i].isObject())
                return failWith(r.fail(where, QStringLiteral("expected an object with \"command\" or \"program\"")));
            const QJsonObject j = jobs[i].toObject();
            r.warnUnknown(j, kJobKeys + kSettingKeys, where);
            JobSpec spec = b.defaults;
            if (!r.applySettings(j, where, &spec))
                return failWith(false);
            if (j.value(QLatin1String("command")).isString()) {
                spec.useShell = j.contains(QLatin1String("shell")) ? spec.useShell : true;
                spec.shellCommand = j.value(QLatin1String("command")).toString();
                if (!spec.useShell) { // "shell": false: split the command into argv
                    QStringList words;
                    QString splitError;
                    if (!batch::splitWords(spec.shellCommand, &words, &splitError) || words.isEmpty())
                        return failWith(r.fail(where + QStringLiteral(".command"), splitError.isEmpty() ? QStringLiteral("empty command") : splitError));
                    spec.program = words.takeFirst();
                    spec.arguments = words;
                    spec.shellCommand.clear();
                }
            } else if (j.value(QLatin1String("program")).isString()) {
                spec.useShell = false;
                spec.program = j.value(QLatin1String("program")).toString();
                const QJsonValue args = j.value(QLatin1String("args"));
                if (!args.isUndefined() && !args.isArray())
                    return failWith(r.fail(where + QStringLiteral(".args"), QStringLiteral("expected an array of strings")));
                const QJsonArray list = args.toArray();
                for (qsizetype k = 0; k < list.size(); ++k) {
                    QString arg;
                    if (!r.scalarText(list[k], where + QStringLiteral(".args[%1]").arg(k), &arg))
                        return failWith(false);
                    spec.arguments << arg;
                }
            } else {
                return failWith(r.fail(where, QStringLiteral("expected \"command\" (a string) or \"program\" (a string)")));
            }
            if ((spec.useShell ? spec.shellCommand : spec.program).trimmed().isEmpty())
                return failWith(r.fail(where, QStringLiteral("empty command")));
            if (!r.noNul(j.value(QLatin1String("command")).toString(), where + QStringLiteral(".command"))
                || !r.noNul(spec.program, where + QStringLiteral(".program")))
                return failWith(false);
            spec.label = j.value(QLatin1String("label")).toString();
            spec.standardInput = j.value(QLatin1String("input")).toString().toUtf8();
            if (QString key, why; !batchfilesteering::read(j, batchfilesteering::jobKeys(), &spec, &key, &why))
                return failWith(r.fail(where + QLatin1Char('.') + key, why));
            b.jobs << spec;
        }
    }
    if (top.contains(QLatin1String("template"))) {
        if (!top.value(QLatin1String("template")).isObject())
            return failWith(r.fail(QStringLiteral("template"), QStringLiteral("expected an object {\"command\": …, \"range\" or \"values\": …}")));
        const QJsonObject t = top.value(QLatin1String("template")).toObject();
        r.warnUnknown(t, kTemplateKeys, QStringLiteral("template"));
        b.templateCommand = t.value(QLatin1String("command")).toString();
        if (b.templateCommand.trimmed().isEmpty())
            return failWith(r.fail(QStringLiteral("template.command"), QStringLiteral("expected a command such as \"sleep {}\"")));
        if (!r.noNul(b.templateCommand, QStringLiteral("template.command")))
            return failWith(false);
        if (t.value(QLatin1String("range")).isString()) {
            b.templateRange = t.value(QLatin1String("range")).toString();
            QStringList values;
            QString rangeError;
            if (!batch::parseRange(b.templateRange, &values, &rangeError))
                return failWith(r.fail(QStringLiteral("template.range"), rangeError));
        } else if (t.value(QLatin1String("values")).isArray()) {
            const QJsonArray values = t.value(QLatin1String("values")).toArray();
            for (qsizetype k = 0; k < values.size(); ++k) {
                QString value;
                if (!r.scalarText(values[k], QStringLiteral("template.values[%1]").arg(k), &value))
                    return failWith(false);
                b.templateValues << value;
            }
        } else {
            return failWith(r.fail(QStringLiteral("template"), QStringLiteral("expected \"range\" (\"1..10\") or \"values\" (an array)")));
        }
    }
    if (b.jobs.isEmpty() && b.templateCommand.isEmpty())
        return failWith(r.fail(QStringLiteral("top level"), QStringLiteral("no jobs: expected \"jobs\" or \"template\"")));
    *out = b;
    return true;
}

bool BatchFile::expand(QList<JobSpec> *out, QString *error) const
{
    *out = jobs;
    if (templateCommand.isEmpty())
        return jobdependencies::check(*out, error);
    QStringList values = templateValues;
    if (!templateRange.isEmpty() && !batch::parseRange(templateRange, &values, error))
        return false;
    QList<JobSpec> expanded;
    if (!batch::expand(templateCommand, values, defaults, &expanded, error))
        return false;
    *out += expanded;
    return jobdependencies::check(*out, error);
}

QByteArray BatchFile::toJson() const
{
    QJsonObject top;
    if (!name.isEmpty())
        top.insert(QStringLiteral("name"), name);
    if (maxParallel > 0)
        top.insert(QStringLiteral("max_parallel"), maxParallel);
    top.insert(QStringLiteral("defaults"), settingsJson(defaults));
    if (!jobs.isEmpty()) {
        QJsonArray list;
        for (const JobSpec &j : jobs) {
            QJsonObject o = settingsJson(j, &defaults);
            if (j.useShell) {
                o.insert(QStringLiteral("command"), j.shellCommand);
            } else {
                o.insert(QStringLiteral("program"), j.program);
                o.insert(QStringLiteral("args"), QJsonArray::fromStringList(j.arguments));
            }
            if (!j.label.isEmpty())
                o.insert(QStringLiteral("label"), j.label);
            batchfilesteering::writeJobKeys(j, &o);
            if (!j.standardInput.isEmpty())
                o.insert(QStringLiteral("input"), QString::fromUtf8(j.standardInput));
            list.append(o);
        }
        top.insert(QStringLiteral("jobs"), list);
    }
    if (!templateCommand.isEmpty()) {
        QJsonObject t;
        t.insert(QStringLiteral("command"), templateCommand);
        if (!templateRange.isEmpty())
            t.insert(QStringLiteral("range"), templateRange);
        else
            t.insert(QStringLiteral("values"), QJsonArray::fromStringList(templateValues));
        top.insert(QStringLiteral("template"), t);
    }
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

bool BatchFile::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray bytes = toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace procdeck
