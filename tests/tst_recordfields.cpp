// RecordFields (issue 25's attach): the fields of an engine job's record read in one walk must
// be what QCborMap::value() gives for each, whatever the record's order, gaps or extra keys;
// the walk only makes the engine's own order cheap.
#include "core/models/jobrecordcbor.h"
#include "core/protocol/recordfields.h"

#include <QCborStreamWriter>
#include <QtTest>

#include <algorithm>

using namespace procdeck;

namespace {

using Pairs = QList<std::pair<QCborValue, QCborValue>>;

/// A map with `pairs` in this order, duplicates kept: written as CBOR, then decoded, as the
/// watch's records are.
QCborMap mapOf(const Pairs &pairs)
{
    QByteArray bytes;
    QCborStreamWriter w(&bytes);
    w.startMap(pairs.size());
    for (const auto &[key, value] : pairs) {
        key.toCbor(w);
        value.toCbor(w);
    }
    w.endMap();
    return QCborValue::fromCbor(bytes).toMap();
}

/// The engine's record of a job that ran, every field of the export, in the engine's order.
Pairs engineRecord()
{
    JobRecord r;
    r.seq = 7;
    r.command = QStringLiteral("echo {}");
    r.label = QStringLiteral("a label");
    r.batchId = 2;
    r.state = JobState::Killed;
    r.signal = 15;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    r.finishedAt = r.startedAt.addMSecs(2500);
    r.durationMs = 2500;
    r.pausedMs = 500;
    r.stdoutBytes = 12;
    r.stderrLines = 3;
    r.error = QStringLiteral("killed");
    r.encoding = QStringLiteral("UTF-8");
    r.cwd = QStringLiteral("/tmp");
    r.values = {QStringLiteral("x"), QStringLiteral("y")};
    QByteArray bytes;
    QCborStreamWriter w(&bytes);
    jobrecordcbor::write(w, r, false, false);
    const QCborMap map = QCborValue::fromCbor(bytes).toMap();
    Pairs pairs;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        pairs.append({it.key(), it.value()});
    return pairs;
}

bool named(const QCborValue &key)
{
    for (int i = 0; i < RecordFields::FieldCount; ++i) {
        if (key.toString() == RecordFields::key(RecordFields::Field(i)))
            return true;
    }
    return false;
}

/// engineRecord() with only the fields RecordFields names, as the window's pruner leaves it.
Pairs pruned(const Pairs &all)
{
    Pairs kept;
    std::copy_if(all.begin(), all.end(), std::back_inserter(kept),
                 [](const auto &pair) { return named(pair.first); });
    return kept;
}

} // namespace

class TestRecordFields : public QObject
{
    Q_OBJECT

private slots:
    void eachFieldIsWhatValueSays_data();
    void eachFieldIsWhatValueSays();
};

void TestRecordFields::eachFieldIsWhatValueSays_data()
{
    QTest::addColumn<Pairs>("pairs");
    const Pairs all = engineRecord();
    const Pairs kept = pruned(all);
    QCOMPARE(kept.size(), RecordFields::FieldCount); // each key is one the engine writes
    QTest::newRow("the engine's whole record") << all;
    QTest::newRow("pruned, in the engine's order") << kept;
    Pairs reversed = kept;
    std::reverse(reversed.begin(), reversed.end());
    QTest::newRow("reversed") << reversed;
    Pairs rotated = kept;
    std::rotate(rotated.begin(), rotated.begin() + 5, rotated.end());
    QTest::newRow("rotated") << rotated;
    Pairs gaps; // every other field left out
    for (qsizetype i = 0; i < kept.size(); i += 2)
        gaps << kept.at(i);
    QTest::newRow("every other field missing") << gaps;
    Pairs odd = kept; // keys that are not text, between the fields
    odd.insert(1, {QCborValue(4), QCborValue(QStringLiteral("four"))});
    odd.insert(3, {QCborValue(QByteArray("cwd")), QCborValue(QStringLiteral("bytes"))});
    QTest::newRow("keys that are not text") << odd;
    QTest::newRow("empty") << Pairs{};
}

void TestRecordFields::eachFieldIsWhatValueSays()
{
    QFETCH(Pairs, pairs);
    const QCborMap map = mapOf(pairs);
    const RecordFields fields(map);
    QCOMPARE(fields.record(), map);
    for (int i = 0; i < RecordFields::FieldCount; ++i) {
        const auto field = RecordFields::Field(i);
        const QCborValue expected = map.value(RecordFields::key(field));
        QVERIFY2(fields[field] == expected && fields[field].type() == expected.type(),
                 qPrintable(QStringLiteral("%1: %2, value() says %3")
                                    .arg(RecordFields::key(field),
                                         fields[field].toDiagnosticNotation(),
                                         expected.toDiagnosticNotation())));
    }
}

QTEST_GUILESS_MAIN(TestRecordFields)
#include "tst_recordfields.moc"
