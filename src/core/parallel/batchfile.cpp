#include "batchfile.h"

#include "resourceoptions.h"

#include "batch.h"
#include "scheduling/jobdependencies.h"
#include "jobspecjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace procdeck {

namespace {

const QStringList kTopKeys = {QStringLiteral("name"),     QStringLiteral("max_parallel"),
                              QStringLiteral("defaults"), QStringLiteral("jobs"),
                              QStringLiteral("template"), QStringLiteral("load"),
                              QStringLiteral("memfree"),  QStringLiteral("memsuspend")};
const QStringList kTemplateKeys = {QStringLiteral("command"), QStringLiteral("range"),
                                   QStringLiteral("values")};

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
                warnings->append(QStringLiteral("%1: %2: unknown key '%3' ignored")
                                         .arg(file, where, key));
    }

    bool scalarText(const QJsonValue &v, const QString &where, QString *out)
    {
        QString why;
        return jobspecjson::scalarText(v, out, &why) || fail(where, why);
    }
    bool failWith(const QString &where, const jobspecjson::Problem &problem)
    {
        const QString at = problem.key.isEmpty() ? where : where + QLatin1Char('.') + problem.key;
        return fail(at, problem.what);
    }
};

/// The file as a JSON document. False with *error: unreadable, empty, or where it stops parsing.
bool readDocument(const QString &path, QJsonDocument *doc, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray text = file.readAll();
    if (text.trimmed().isEmpty()) {
        *error = QStringLiteral("%1: the file is empty: expected a JSON object such as "
                                "{\"jobs\": [{\"command\": \"echo hi\"}]}")
                         .arg(path);
        return false;
    }
    QJsonParseError parseError{};
    *doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return true;
    const auto [line, column] = lineAndColumn(text, parseError.offset);
    *error = QStringLiteral("%1:%2:%3: %4 (not valid JSON; expected a batch object)")
                     .arg(path)
                     .arg(line)
                     .arg(column)
                     .arg(parseError.errorString());
    return false;
}

/// "name", "max_parallel" and "defaults".
bool readSettings(Reader &r, const QJsonObject &top, BatchFile *b)
{
    b->defaults.useShell = true;
    b->name = top.value(QLatin1String("name")).toString();
    if (top.contains(QLatin1String("max_parallel"))) {
        const QJsonValue v = top.value(QLatin1String("max_parallel"));
        if (!v.isDouble() || v.toInt() < 1 || v.toDouble() != v.toInt())
            return r.fail(QStringLiteral("max_parallel"),
                          QStringLiteral("expected a whole number ≥ 1"));
        b->maxParallel = v.toInt();
    }
    if (!top.contains(QLatin1String("defaults")))
        return true;
    if (!top.value(QLatin1String("defaults")).isObject())
        return r.fail(QStringLiteral("defaults"), QStringLiteral("expected an object"));
    const QJsonObject d = top.value(QLatin1String("defaults")).toObject();
    r.warnUnknown(d, jobspecjson::settingKeys(), QStringLiteral("defaults"));
    jobspecjson::Problem problem;
    return jobspecjson::settingsFromJson(d, &b->defaults, &problem)
            || r.failWith(QStringLiteral("defaults"), problem);
}

/// "load", "memfree", "memsuspend": GNU parallel's, written as on the command line ("50%",
/// "2G") or as numbers (a load; bytes).
bool readResources(Reader &r, const QJsonObject &top, BatchFile *b)
{
    const auto text = [&top](const QString &key) {
        const QJsonValue v = top.value(key);
        if (!v.isDouble())
            return v.toString();
        const bool whole = v.toDouble() == double(v.toInteger());
        return QString::number(v.toDouble(), 'f', whole ? 0 : 2);
    };
    QString error;
    const QString load = QStringLiteral("load");
    if (top.contains(load)
        && !resourceoptions::readLoad(text(load), &b->resources.maxLoad, &error))
        return r.fail(load, error.section(QStringLiteral(": "), 1));
    for (const auto &[key, bytes] : {std::pair{QStringLiteral("memfree"), &b->resources.memFree},
                                     std::pair{QStringLiteral("memsuspend"),
                                               &b->resources.memSuspend}})
        if (top.contains(key) && !resourceoptions::readSize(key, text(key), bytes, &error))
            return r.fail(key, error.section(QStringLiteral(": "), 1));
    return true;
}

/// "jobs": each over the defaults.
bool readJobs(Reader &r, const QJsonObject &top, BatchFile *b)
{
    if (!top.contains(QLatin1String("jobs")))
        return true;
    if (!top.value(QLatin1String("jobs")).isArray())
        return r.fail(QStringLiteral("jobs"), QStringLiteral("expected an array of jobs"));
    const QJsonArray jobs = top.value(QLatin1String("jobs")).toArray();
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        const QString where = QStringLiteral("jobs[%1]").arg(i);
        if (!jobs[i].isObject())
            return r.fail(where,
                          QStringLiteral("expected an object with \"command\" or \"program\""));
        const QJsonObject j = jobs[i].toObject();
        r.warnUnknown(j, jobspecjson::jobKeys() + jobspecjson::settingKeys(), where);
        JobSpec spec = b->defaults;
        if (jobspecjson::Problem problem; !jobspecjson::fromJson(j, &spec, &problem))
            return r.failWith(where, problem);
        b->jobs << spec;
    }
    return true;
}

/// "template"'s "range" or "values".
bool readTemplateValues(Reader &r, const QJsonObject &t, BatchFile *b)
{
    if (t.value(QLatin1String("range")).isString()) {
        b->templateRange = t.value(QLatin1String("range")).toString();
        QStringList values;
        QString rangeError;
        return batch::parseRange(b->templateRange, &values, &rangeError)
                || r.fail(QStringLiteral("template.range"), rangeError);
    }
    if (!t.value(QLatin1String("values")).isArray())
        return r.fail(QStringLiteral("template"),
                      QStringLiteral("expected \"range\" (\"1..10\") or \"values\" (an array)"));
    const QJsonArray values = t.value(QLatin1String("values")).toArray();
    for (qsizetype k = 0; k < values.size(); ++k) {
        QString value;
        if (!r.scalarText(values[k], QStringLiteral("template.values[%1]").arg(k), &value))
            return false;
        b->templateValues << value;
    }
    return true;
}

/// "template": a command over a range or values.
bool readTemplate(Reader &r, const QJsonObject &top, BatchFile *b)
{
    if (!top.contains(QLatin1String("template")))
        return true;
    if (!top.value(QLatin1String("template")).isObject())
        return r.fail(QStringLiteral("template"),
                      QStringLiteral("expected an object "
                                     "{\"command\": …, \"range\" or \"values\": …}"));
    const QJsonObject t = top.value(QLatin1String("template")).toObject();
    r.warnUnknown(t, kTemplateKeys, QStringLiteral("template"));
    b->templateCommand = t.value(QLatin1String("command")).toString();
    if (b->templateCommand.trimmed().isEmpty())
        return r.fail(QStringLiteral("template.command"),
                      QStringLiteral("expected a command such as \"sleep {}\""));
    return r.scalarText(QJsonValue(b->templateCommand), QStringLiteral("template.command"),
                        &b->templateCommand)
            && readTemplateValues(r, t, b);
}

} // namespace

bool BatchFile::load(const QString &path, BatchFile *out, QString *error, QStringList *warnings)
{
    QJsonDocument doc;
    if (!readDocument(path, &doc, error))
        return false;
    Reader r{path, warnings, {}};
    BatchFile b;
    const bool read = [&] {
        if (!doc.isObject())
            return r.fail(QStringLiteral("top level"),
                          QStringLiteral("expected a JSON object with \"jobs\" or \"template\""));
        const QJsonObject top = doc.object();
        r.warnUnknown(top, kTopKeys, QStringLiteral("top level"));
        if (!readSettings(r, top, &b) || !readResources(r, top, &b) || !readJobs(r, top, &b)
            || !readTemplate(r, top, &b))
            return false;
        return !b.jobs.isEmpty() || !b.templateCommand.isEmpty()
                || r.fail(QStringLiteral("top level"),
                          QStringLiteral("no jobs: expected \"jobs\" or \"template\""));
    }();
    if (!read) {
        *error = r.error;
        return false;
    }
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
    if (resources.maxLoad > 0)
        top.insert(QStringLiteral("load"), resources.maxLoad);
    if (resources.memFree > 0)
        top.insert(QStringLiteral("memfree"), resources.memFree);
    if (resources.memSuspend > 0)
        top.insert(QStringLiteral("memsuspend"), resources.memSuspend);
    top.insert(QStringLiteral("defaults"), jobspecjson::settingsToJson(defaults));
    if (!jobs.isEmpty()) {
        QJsonArray list;
        for (const JobSpec &j : jobs)
            list.append(jobspecjson::toJson(j, &defaults));
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
