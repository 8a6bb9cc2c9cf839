// The window's views of a job: output, timeline, why it ended.
#include "windowtest.h"

#include "core/process/endreason.h"

#include <QScrollBar>
#include <QStyle>
#include <QStyleOptionToolButton>
#include <QToolButton>

class TestWindowViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void outputViewReDecodesInAnotherEncoding();
    void timelineDrawsTheStaircase();
    void timelineStaysReadableAt64Jobs();
    void timelineDrawsOnlyTheBarsInView();
    void outputShowsColoursAndRedrawsProgress();
    void outputFloodShowsItsEndLiveAndAllOnceEnded_data();
    void outputFloodShowsItsEndLiveAndAllOnceEnded();
    void outputFollowsTheTailUnlessScrolledUp();
    void sayWhyAJobEnded();
    void completeOutputSaysWhereItIs();
    void outputToolsFitThePane();

private:
    QTemporaryDir m_home;
};

void TestWindowViews::initTestCase()
{
    setUpHome(m_home);
}

void TestWindowViews::outputViewReDecodesInAnotherEncoding()
{
    MainWindow w;
    w.show();
    JobSpec spec = testutil::shell(QStringLiteral("printf '\\276\\310\\263\\347'"));
    spec.encoding = QStringLiteral("CP949");
    Job *job = w.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("안녕"));
    w.outputView()->setEncoding(QStringLiteral("ISO-8859-1"));
    QCOMPARE(w.outputView()->stdoutText(), QString::fromLatin1("\xbe\xc8\xb3\xe7"));
    w.outputView()->setEncoding(QStringLiteral("EUC-KR"));
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("안녕"));
}

void TestWindowViews::timelineDrawsTheStaircase()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QList<JobSpec> sleeps;
    for (int i = 1; i <= 5; ++i)
        sleeps << testutil::argv(QStringLiteral("sleep"), {QString::number(i * 0.2)});
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    const int batch = w.launchBatch(sleeps, 5);
    QVERIFY(idle.wait(kDeadlineMs));
    TimelineView *timeline = w.timeline();
    timeline->resize(1000, 400);
    QCOMPARE(timeline->batch(), batch);
    QCOMPARE(timeline->shownSeqs(), (QList<int>{1, 2, 3, 4, 5}));
    const auto [first, last] = timeline->span();
    double leftmost = 1e9;
    double rightmost = 0;
    for (int seq = 1; seq <= 5; ++seq) {
        leftmost = qMin(leftmost, timeline->barRect(seq).left());
        rightmost = qMax(rightmost, timeline->barRect(seq).right());
    }
    const double fullWidth = rightmost - leftmost; // the bars together span the time axis
    double previousRight = 0;
    double previousTop = -1;
    for (int seq = 1; seq <= 5; ++seq) {
        const Job *job = w.scheduler().jobBySeq(seq);
        const QRectF bar = timeline->barRect(seq);
        // Each bar spans the job's own start and end on the shared time axis, to within 2 px.
        const double msPerPx = double(last - first) / fullWidth;
        QVERIFY(qAbs((job->finishedAt().toMSecsSinceEpoch() - job->startedAt().toMSecsSinceEpoch()) / msPerPx - bar.width()) < 2.0);
        QVERIFY(bar.right() > previousRight); // a staircase: longer sleeps end later
        QVERIFY(bar.top() > previousTop);     // one row per job, in order
        previousRight = bar.right();
        previousTop = bar.top();
    }
    // A click on a bar selects its job in the table.
    QSignalSpy clicked(timeline, &TimelineView::jobClicked);
    QTest::mouseClick(timeline, Qt::LeftButton, {}, timeline->barRect(3).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toInt(), 3);
    QCOMPARE(w.outputView()->job(), w.scheduler().jobBySeq(3));
}


void TestWindowViews::timelineStaysReadableAt64Jobs()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QList<JobSpec> jobs;
    // Each lasts 10 ms at least: a job that starts and ends within one millisecond is drawn
    // 2 px wide from where the next one in its row starts, in the same millisecond.
    for (int i = 0; i < 64; ++i)
        jobs << testutil::argv(QStringLiteral("sleep"), {QStringLiteral("0.01")});
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch(jobs, 8);
    QVERIFY(idle.wait(kDeadlineMs));
    TimelineView *timeline = w.timeline();
    timeline->resize(1000, 300);
    QCOMPARE(timeline->shownSeqs().size(), 64);
    // Jobs that did not overlap share rows: at most 8 ran at once, so at most 8 rows, each tall
    // enough to see, and no two bars of one row overlap.
    QVERIFY2(timeline->rowCount() <= 8, qPrintable(QString::number(timeline->rowCount())));
    for (int a = 1; a <= 64; ++a) {
        const QRectF ra = timeline->barRect(a);
        QVERIFY(ra.height() >= 9);
        for (int b = a + 1; b <= 64; ++b) {
            const QRectF rb = timeline->barRect(b);
            QVERIFY2(!(qFuzzyCompare(ra.top(), rb.top()) && ra.intersected(rb).width() > 0.5), qPrintable(QStringLiteral("%1 %2").arg(a).arg(b)));
        }
    }
    // Every bar ended: none is drawn as running, and the selection is outlined.
    for (int seq = 1; seq <= 64; ++seq)
        QVERIFY(isTerminal(w.scheduler().jobBySeq(seq)->state()));
    w.selectJob(40);
    QCOMPARE(timeline->selectedSeq(), 40);
}

void TestWindowViews::timelineDrawsOnlyTheBarsInView()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QList<JobSpec> jobs;
    for (int i = 0; i < 120; ++i)
        jobs << testutil::argv(QStringLiteral("true"));
    QSignalSpy idle(&w.scheduler(), &Scheduler::idle);
    w.launchBatch(jobs, 4);
    QVERIFY(idle.wait(kDeadlineMs));
    TimelineView *timeline = w.timeline();
    timeline->resize(1000, 300);
    timeline->setMaxBarsInView(30);
    auto check = [&](int mustShow, int mustNotShow) {
        timeline->grab();
        const QList<int> shown = timeline->shownSeqs();
        // A repaint draws the bars in view, never all 120: 30 starts, one more per row at most
        // (a job begun before the span that reaches into it), and jobs that started in the same
        // millisecond as the span's ends (`true` jobs often do).
        QCOMPARE(timeline->barsPainted(), int(shown.size()));
        QVERIFY2(shown.size() <= 2 * 30, qPrintable(QString::number(shown.size())));
        QVERIFY(timeline->rowCount() <= 4);
        QVERIFY(shown.contains(mustShow));
        QVERIFY(!shown.contains(mustNotShow));
        // Exactly the jobs whose run overlaps the span drawn.
        const auto [first, last] = timeline->span();
        for (int seq = 1; seq <= 120; ++seq) {
            const Job *job = w.scheduler().jobBySeq(seq);
            const bool overlaps = job->startedAt().toMSecsSinceEpoch() <= last && job->finishedAt().toMSecsSinceEpoch() >= first;
            QVERIFY2(shown.contains(seq) == overlaps, qPrintable(QString::number(seq)));
        }
    };
    check(120, 1); // the tail, followed
    auto *scroll = timeline->findChild<QScrollBar *>();
    QVERIFY(scroll && !scroll->isHidden()); // (the tab is not the current one)
    scroll->setValue(0); // back to the batch's start
    check(1, 120);
}

void TestWindowViews::outputShowsColoursAndRedrawsProgress()
{
    MainWindow w;
    w.show();
    const QByteArray printed = "\x1b[31mred\x1b[0m plain\n10%\r50%\r100%\n\x1b[1;4mbold\x1b[0m \x1b[38;5;208mo\x1b[38;2;1;2;3mrgb\x1b[0m\n";
    JobSpec spec = testutil::argv(QStringLiteral("printf"), {QString::fromLatin1(QByteArray(printed).replace("%", "%%"))});
    Job *job = w.launch(spec);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QCOMPARE(w.outputView()->job(), job); // a new job is selected
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText(), QStringLiteral("red plain\n100%\nbold orgb\n"), kDeadlineMs);
    QTextDocument *doc = w.outputView()->stdoutPane()->edit()->document();
    auto formatAt = [doc](int block, int column) {
        QTextCursor c(doc->findBlockByNumber(block));
        c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, column + 1);
        return c.charFormat();
    };
    const bool dark = w.outputView()->stdoutPane()->edit()->palette().color(QPalette::Base).lightness() < 128;
    QCOMPARE(formatAt(0, 0).foreground().color(), AnsiParser::toQColor({AnsiParser::Color::Kind::Indexed, 1}, dark));
    QCOMPARE(formatAt(0, 5).foreground().style(), Qt::NoBrush); // "plain"
    QCOMPARE(formatAt(2, 0).fontWeight(), int(QFont::Bold));
    QVERIFY(formatAt(2, 0).fontUnderline());
    QCOMPARE(formatAt(2, 5).foreground().color(), AnsiParser::toQColor({AnsiParser::Color::Kind::Indexed, 208}, dark));
    QCOMPARE(formatAt(2, 6).foreground().color(), QColor(1, 2, 3));
    // Stripped, the same text without a colour; the kept bytes keep every escape (exports too).
    w.outputView()->setStripColours(true);
    QCOMPARE(w.outputView()->stdoutText(), QStringLiteral("red plain\n100%\nbold orgb\n"));
    QCOMPARE(formatAt(0, 0).foreground().style(), Qt::NoBrush);
    QCOMPARE(job->stdoutLog().bytesSince(0), printed);
    w.outputView()->setStripColours(false);
    // A progress line redrawn while it runs: each update replaces the line, live.
    Job *live = w.launch(testutil::shell(QStringLiteral("printf 'a 10%%'; sleep 0.3; printf '\\rb 20%%'; sleep 0.3; printf '\\rc 3\\n'")));
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), JobState::Finished, kDeadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText(), QStringLiteral("c 30%\n"), kDeadlineMs); // as a terminal: overwritten in place
}

void TestWindowViews::outputFloodShowsItsEndLiveAndAllOnceEnded_data()
{
    QTest::addColumn<bool>("terminal");
    QTest::newRow("pipes") << false;
    QTest::newRow("terminal") << true; // --pty: read on the pump's thread too, shown the same way
}

void TestWindowViews::outputFloodShowsItsEndLiveAndAllOnceEnded()
{
    QFETCH(bool, terminal);
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    // 70 KB every 0.1 s: more at each refresh than is worth laying out (16 KiB).
    JobSpec flood = testutil::shell(
        QStringLiteral("for i in 1 2 3 4; do seq 100000 110000; sleep 0.1; done"));
    flood.pty = terminal;
    Job *job = w.launch(flood);
    QCOMPARE(w.outputView()->job(), job);
    QPlainTextEdit *edit = w.outputView()->stdoutPane()->edit();
    // What each refresh laid out while it ran. A refresh that comes amid a burst may bring a
    // small part of it, which is appended whole: the pane may hold more than two screens, but
    // no refresh lays out more than 16 KiB, and a burst past that shows its last screens.
    int biggestStep = 0;
    int shownWhileRunning = 0;
    bool skipped = false;
    connect(edit->document(), &QTextDocument::contentsChanged, this, [&] {
        if (!isAlive(job->state()))
            return;
        const int now = edit->document()->characterCount();
        biggestStep = qMax(biggestStep, now - shownWhileRunning);
        skipped = skipped || now < shownWhileRunning;
        shownWhileRunning = now;
    });
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(shownWhileRunning > 0);
    QVERIFY2(biggestStep <= 16 * 1024 + 1, qPrintable(QString::number(biggestStep)));
    QVERIFY(skipped);
    // …and once it ended, all of it, exactly.
    QString expected;
    for (int i = 0; i < 4; ++i)
        for (int n = 100000; n <= 110000; ++n)
            expected += QString::number(n) + QLatin1Char('\n');
    QTRY_COMPARE_WITH_TIMEOUT(w.outputView()->stdoutText().size(), expected.size(), kDeadlineMs);
    QCOMPARE(w.outputView()->stdoutText(), expected);
}

void TestWindowViews::outputFollowsTheTailUnlessScrolledUp()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    const QString flag = m_home.filePath(QStringLiteral("more"));
    Job *job = w.launch(testutil::shell(QStringLiteral("seq 1 400; while [ ! -e '%1' ]; do sleep 0.02; done; seq 401 800").arg(flag)));
    QScrollBar *bar = w.outputView()->stdoutPane()->edit()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->stdoutText().endsWith(QLatin1String("\n400\n")), kDeadlineMs);
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum()); // following the end
    bar->setValue(0); // the person scrolls up to read
    QFile more(flag);
    QVERIFY(more.open(QIODevice::WriteOnly));
    more.close();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->stdoutText().endsWith(QLatin1String("\n800\n")), kDeadlineMs);
    QCOMPARE(bar->value(), 0); // where they were
    QString expected;
    for (int n = 1; n <= 800; ++n)
        expected += QString::number(n) + QLatin1Char('\n');
    QCOMPARE(w.outputView()->stdoutText(), expected);
}

void TestWindowViews::sayWhyAJobEnded()
{
    MainWindow w;
    w.show();
    JobSpec slow = testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")});
    slow.timeoutSeconds = 0.5;
    Job *job = w.launch(slow);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::TimedOut, kDeadlineMs);
    // Above the output…
    // The story in order: its timeout's SIGTERM, at the time it went (0.5 s, or later under load).
    QVERIFY(job->record().signalled.termMs >= 500);
    const QString told = QStringLiteral("Timed out: SIGTERM at %1 s.").arg(EndReason::seconds(job->record().signalled.termMs));
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().startsWith(told), kDeadlineMs);
    // …and in the State column's tooltip.
    const QModelIndex state = w.proxy()->index(0, JobTableModel::StateColumn);
    const QString tip = JobItemDelegate::stateToolTip(state);
    QVERIFY2(tip.contains(told), qPrintable(tip));
    // A crash names its signal; a kill says what was sent.
    Job *crash = w.launch(testutil::shell(QStringLiteral("kill -SEGV $$")));
    QTRY_COMPARE_WITH_TIMEOUT(crash->state(), JobState::Crashed, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().contains(QLatin1String("SIGSEGV")), kDeadlineMs);
    Job *killed = w.launch(testutil::argv(QStringLiteral("sleep"), {QStringLiteral("30")}));
    QTRY_VERIFY_WITH_TIMEOUT(killed->pid() > 0, kDeadlineMs);
    w.findChild<QAction *>(QStringLiteral("actionKill"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.outputView()->reasonText().startsWith(QLatin1String("Killed: SIGTERM at ")), kDeadlineMs);
    // The usage tab names the job and no longer says it runs.
    QTRY_VERIFY_WITH_TIMEOUT(w.usageChart()->caption().contains(QLatin1String("ended")), kDeadlineMs);
    QVERIFY(w.usageChart()->caption().startsWith(QStringLiteral("#%1").arg(killed->seq())));
}

void TestWindowViews::completeOutputSaysWhereItIs()
{
    MainWindow w;
    w.show();
    Job *job = w.launch(testutil::shell(QStringLiteral("echo out; echo err >&2")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    QVERIFY(!job->stderrLog().spillPath().isEmpty());
    // Whatever this machine has to open files with, the person learns where the file is or sees it open.
    QSignalSpy handled(w.outputView(), &OutputView::completeOutputHandled);
    w.outputView()->openCompleteOutput(job->sharedStderrLog());
    QVERIFY(handled.wait(kDeadlineMs));
    if (!handled.at(0).at(0).toBool())
        QVERIFY2(w.outputView()->messageText().contains(job->stderrLog().spillPath()), qPrintable(w.outputView()->messageText()));
    else
        QVERIFY(w.outputView()->messageText().isEmpty());
}

void TestWindowViews::outputToolsFitThePane()
{
    // "Open complete output", the last of the output's tools at the pane's right edge, had its
    // menu's arrow glued to its last letter (issue 25's walk-through). Whole, and the arrow in
    // room of its own: at the window's first size on this screen, at 1280 and 1024 px wide.
    MainWindow::settings()->remove(QStringLiteral("window"));
    MainWindow w;
    Job *job = w.launch(testutil::shell(QStringLiteral("echo hello")));
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Finished, kDeadlineMs);
    for (const QSize size : {QSize(), QSize(1280, 800), QSize(1024, 768)}) {
        if (size.isValid())
            w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QTableView *>(QStringLiteral("jobTable"))->selectRow(0);
        auto *open = w.outputView()->findChild<QToolButton *>(QStringLiteral("openCompleteButton"));
        QVERIFY(open);
        QTRY_COMPARE(open->visibleRegion().boundingRect(), open->rect());
        // The text is centred; the style draws the arrow in the right-hand corner.
        QStyleOptionToolButton option;
        option.initFrom(open);
        option.features = QStyleOptionToolButton::HasMenu;
        const int arrow = open->style()->pixelMetric(QStyle::PM_MenuButtonIndicator, &option, open);
        const int besideText = (open->width() - open->fontMetrics().horizontalAdvance(open->text())) / 2;
        QVERIFY2(besideText >= arrow, qPrintable(QStringLiteral("%1 px beside the text, the arrow %2")
                                                         .arg(besideText).arg(arrow)));
    }
}

QTEST_MAIN(TestWindowViews)
#include "tst_windowviews.moc"
