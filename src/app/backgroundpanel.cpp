#include "backgroundpanel.h"

#include "core/client/enginearrival.h"
#include "core/client/engineconnection.h"
#include "core/client/enginejobs.h"
#include "core/models/enginejobsmodel.h"
#include "core/models/jobtablemodel.h"
#include "core/protocol/protocol.h"
#include "core/types/isotime.h"
#include "engineoutputview.h"
#include "enginerestartoffer.h"
#include "noticebar.h"
#include "types/cborkey.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace procdeck::app {

namespace type = procdeck::protocol::type;

namespace {

QString numbersText(const QCborArray &numbers)
{
    QStringList words;
    for (const QCborValue &n : numbers)
        words << QStringLiteral("#%1").arg(n.toInteger());
    return words.join(QStringLiteral(", "));
}

} // namespace

BackgroundPanel::BackgroundPanel(QWidget *parent)
    : QWidget(parent),
      m_connection(new EngineConnection(
              QStringLiteral("procdeck %1").arg(QCoreApplication::applicationVersion()), this)),
      m_model(new EngineJobsModel(this)),
      m_banner(new NoticeBar(NoticeBar::Kind::Error, this)),
      m_notices(new NoticeBar(NoticeBar::Kind::Warning, this)),
      m_engineLabel(new QLabel(this)),
      m_restartOffer(new EngineRestartOffer(m_connection, this)),
      m_arrival(new EngineArrival(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(makeButtonRow());
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    m_table = new QTableView(split);
    m_output = new EngineOutputView(split);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    setUpTable();

    connect(m_banner->setButton(tr("Start the engine again")), &QPushButton::clicked, this,
            [this] { attach(true); });
    m_engineLabel->hide();
    // Beside the status bar's counts, which it must not run into.
    m_engineLabel->setContentsMargins(16, 0, 4, 0);
    connect(m_connection, &EngineConnection::attached, this, &BackgroundPanel::onAttached);
    connect(m_connection, &EngineConnection::failed, this, &BackgroundPanel::onFailed);
    connect(m_connection, &EngineConnection::lost, this, &BackgroundPanel::onLost);
    connect(m_connection, &EngineConnection::messageReceived, this, &BackgroundPanel::onMessage);
    connect(m_arrival, &EngineArrival::arrived, this, [this] { attach(false); });
    updateButtons();
    attach(false); // an engine that runs shows its jobs at once; none is started for nothing
}

BackgroundPanel::~BackgroundPanel() = default;

QWidget *BackgroundPanel::makeButtonRow()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(6, 0, 6, 0);
    m_detachedLabel = new QLabel(tr("No engine runs: jobs sent to the background start one."), row);
    // Wrapped rather than held on one line: the row's width is the window's least width (every
    // tab's counts), which must stay within an 800-pixel screen.
    m_detachedLabel->setWordWrap(true);
    m_start = new QPushButton(tr("Start the engine"), row);
    m_start->setObjectName(QStringLiteral("startEngineButton"));
    m_kill = new QPushButton(tr("Kill"), row);
    m_pause = new QPushButton(tr("Pause"), row);
    m_resume = new QPushButton(tr("Resume"), row);
    m_again = new QPushButton(tr("Run again"), row);
    m_again->setObjectName(QStringLiteral("runAgainButton"));
    m_export = new QPushButton(tr("Export…"), row);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setToolTip(tr("Write the run log of the selected jobs (none selected: all)"));
    // The steering buttons where the job table's are (left), the engine's state after them.
    h->addWidget(m_kill);
    h->addWidget(m_pause);
    h->addWidget(m_resume);
    h->addWidget(m_again);
    h->addWidget(m_export);
    h->addSpacing(12);
    h->addWidget(m_detachedLabel);
    h->addWidget(m_start);
    h->addStretch(1);
    connect(m_start, &QPushButton::clicked, this, [this] { attach(true); });
    connect(m_kill, &QPushButton::clicked, this, [this] { steerSelected(type::kill); });
    connect(m_pause, &QPushButton::clicked, this, [this] { steerSelected(type::pause); });
    connect(m_resume, &QPushButton::clicked, this, [this] { steerSelected(type::resume); });
    connect(m_again, &QPushButton::clicked, this, &BackgroundPanel::runAgainSelected);
    connect(m_export, &QPushButton::clicked, this, &BackgroundPanel::askWhereToExport);
    return row;
}

void BackgroundPanel::setUpTable()
{
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed widths: 100,000 rows are never measured for their contents.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(EngineJobsModel::CommandColumn, QHeaderView::Stretch);
    const QFontMetrics fm(font());
    const std::pair<int, QString> samples[] = {
            {EngineJobsModel::NumberColumn, QStringLiteral("000000")},
            {EngineJobsModel::StateColumn,
             JobTableModel::stateText(JobState::FailedToStart, false)},
            {EngineJobsModel::ElapsedColumn, QStringLiteral("00:00.000")},
            {EngineJobsModel::ExitColumn, tr("Exit")},
            {EngineJobsModel::OutputColumn, QStringLiteral("100.0 KB · 99 lines")},
            {EngineJobsModel::StartedColumn, QStringLiteral("00:00:00")}};
    for (const auto &[column, sample] : samples)
        m_table->setColumnWidth(column, fm.horizontalAdvance(sample) + 3 * fm.averageCharWidth());
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BackgroundPanel::onSelectionChanged);
}

void BackgroundPanel::placeIn(QTabWidget *tabs, QBoxLayout *top, QStatusBar *bar)
{
    tabs->addTab(this, tr("Background"));
    top->insertWidget(0, m_notices);
    top->insertWidget(0, m_restartOffer->bar());
    top->insertWidget(0, m_banner);
    bar->addPermanentWidget(m_engineLabel);
    connect(this, &BackgroundPanel::message, bar, &QStatusBar::showMessage);
}

int BackgroundPanel::unendedJobs() const
{
    return m_connection->isAttached() ? m_model->unendedCount() : 0;
}

void BackgroundPanel::attach(bool startIfNone)
{
    if (m_connection->isAttached())
        return;
    if (m_connection->isOpening())
        m_startWanted = m_startWanted || startIfNone;
    else
        m_connection->open(startIfNone);
}

void BackgroundPanel::onAttached()
{
    m_arrival->stop();
    m_banner->hide();
    m_asked.clear();
    const QTime started = isotime::parse(m_connection->engineStarted()).toLocalTime().time();
    //: the status bar while the window is attached to the engine: its pid and when it started
    m_engineLabel->setText(tr("Engine pid %1, running since %2")
                                   .arg(m_connection->enginePid())
                                   .arg(QLocale().toString(started, QStringLiteral("HH:mm"))));
    m_engineLabel->show();
    for (const QCborMap &submit : std::exchange(m_unsent, {}))
        request(type::submit, submit);
    m_restartOffer->check();
    updateButtons();
}

void BackgroundPanel::onFailed(const QString &reason)
{
    if (std::exchange(m_startWanted, false)) {
        m_connection->open(true);
        return;
    }
    if (!m_unsent.isEmpty()) {
        m_notices->showText(tr("The jobs could not be sent to the background: %1").arg(reason));
        m_unsent.clear();
    }
    m_arrival->watch(); // none answers now: one that starts later is attached to then
    updateButtons();
}

void BackgroundPanel::onLost(const QString &reason)
{
    if (m_restartOffer->retired()) { // the restart asked for: the new engine starts now
        emit message(tr("The engine (pid %1) has ended; starting the new one.")
                             .arg(m_connection->enginePid()),
                     8000);
        m_asked.clear();
        attach(true);
        return;
    }
    m_engineLabel->setText(tr("Engine gone"));
    m_banner->showText(tr("The engine (pid %1) has gone away (%2). The jobs it ran were ended "
                          "with it; the Background tab shows them as they were last seen.")
                               .arg(m_connection->enginePid())
                               .arg(reason));
    m_asked.clear();
    m_arrival->watch(); // one started by another client is attached to; the banner goes then
    updateButtons();
}

void BackgroundPanel::submit(const QList<JobSpec> &jobs, const submitrequest::Options &o)
{
    const QCborMap submit = submitrequest::make(jobs, o);
    if (m_connection->isAttached()) {
        request(type::submit, submit);
        return;
    }
    m_unsent << submit;
    attach(true);
}

void BackgroundPanel::request(const QString &kind, const QCborMap &message)
{
    m_asked << kind;
    m_connection->send(message);
}

void BackgroundPanel::steerSelected(const QString &kind)
{
    const QList<int> numbers = selectedNumbers();
    if (!numbers.isEmpty() && m_connection->isAttached())
        request(kind, protocol::message(kind, {{cborKey("jobs"), protocol::numberArray(numbers)}}));
}

void BackgroundPanel::runAgainSelected()
{
    const QList<int> numbers = selectedNumbers();
    if (numbers.isEmpty() || !m_connection->isAttached())
        return;
    const QCborMap jobs{{cborKey("jobs"), protocol::numberArray(numbers)}};
    request(type::again, protocol::message(type::again, jobs));
}

void BackgroundPanel::askWhereToExport()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the background jobs' run log"),
            documents + QStringLiteral("/procdeck-background.jsonl"),
            tr("JSON Lines (*.jsonl);;CSV for spreadsheets (*.csv);;GNU parallel joblog "
               "(*.joblog);;Report as text (*.txt);;Report as HTML (*.html)"));
    if (!path.isEmpty())
        exportTo(path);
}

void BackgroundPanel::exportTo(const QString &path)
{
    if (!m_connection->isAttached())
        return;
    request(type::exportRuns,
            protocol::message(type::exportRuns,
                              {{cborKey("jobs"), protocol::numberArray(selectedNumbers())},
                               {cborKey("path"), QFileInfo(path).absoluteFilePath()}}));
}

void BackgroundPanel::onMessage(const QCborMap &message)
{
    const QString kind = protocol::typeOf(message);
    if (m_restartOffer->take(message))
        return;
    if (kind == type::submitted || kind == type::steered || kind == type::refused
        || kind == type::exported) {
        onAnswer(m_asked.isEmpty() ? QString() : m_asked.takeFirst(), message);
        return;
    }
}

void BackgroundPanel::showJobsOf(EngineJobs *jobs)
{
    connect(jobs, &EngineJobs::attached, this, [this, jobs] {
        // Another engine numbers its jobs anew: the rows of the last one go (before its
        // listing, which the watch just asked for brings after this).
        const QString engine = jobs->engineSeen();
        if (engine != m_engineSeen)
            m_model->clear();
        m_engineSeen = engine;
    });
    connect(jobs, &EngineJobs::lost, m_model, &EngineJobsModel::watchEnded);
    connect(jobs, &EngineJobs::watched, this, [this](const QCborMap &message) {
        m_model->apply(message);
        if (protocol::typeOf(message) != type::jobs)
            updateButtons();
    });
}

void BackgroundPanel::onAnswer(const QString &asked, const QCborMap &answer)
{
    const QString kind = protocol::typeOf(answer);
    if (kind == type::refused) {
        m_notices->showText(
                tr("The engine refused: %1").arg(answer.value(cborKey("reason")).toString()));
    } else if (kind == type::submitted) {
        const QCborArray numbers = answer.value(cborKey("numbers")).toArray();
        const int count = int(numbers.size());
        emit message(asked == type::again
                             ? tr("%n job(s) queued again: %1", nullptr, count)
                                       .arg(numbersText(numbers))
                             : tr("%n job(s) sent to the background: %1", nullptr, count)
                                       .arg(numbersText(numbers)),
                     8000);
    } else if (kind == type::exported) {
        showExported(answer);
    } else {
        QStringList notDone;
        for (const QCborValue &n : answer.value(cborKey("not_done")).toArray())
            notDone << QStringLiteral("#%1: %2").arg(n.toMap().value(cborKey("job")).toInteger())
                                                .arg(n.toMap().value(cborKey("reason")).toString());
        const QString done = numbersText(answer.value(cborKey("done")).toArray());
        QString text;
        if (!done.isEmpty()) //: %1: job numbers ("#3, #5")
            text = asked == type::kill    ? tr("Killed %1.").arg(done)
                 : asked == type::pause   ? tr("Paused %1.").arg(done)
                                          : tr("Resumed %1.").arg(done);
        if (!notDone.isEmpty())
            text += (text.isEmpty() ? QString() : QStringLiteral(" "))
                    + tr("Not done: %1.").arg(notDone.join(QStringLiteral("; ")));
        m_notices->showText(text);
    }
}

void BackgroundPanel::showExported(const QCborMap &answer)
{
    const QString path = QDir::toNativeSeparators(answer.value(cborKey("path")).toString());
    const QString error = answer.value(cborKey("error")).toString();
    if (!error.isEmpty()) {
        m_notices->showText(tr("The run log was not written to %1: %2").arg(path, error));
        return;
    }
    const int count = int(answer.value(cborKey("count")).toInteger());
    emit message(tr("Exported %n job(s) to %1", nullptr, count).arg(path), 8000);
}

QList<int> BackgroundPanel::selectedNumbers() const
{
    QList<int> numbers;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        numbers << i.data(EngineJobsModel::NumberRole).toInt();
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void BackgroundPanel::onSelectionChanged()
{
    const QList<int> numbers = selectedNumbers();
    m_output->follow(numbers.size() == 1 ? numbers.first() : 0);
    updateButtons();
}

void BackgroundPanel::updateButtons()
{
    const bool attached = m_connection->isAttached();
    m_detachedLabel->setVisible(!attached);
    m_start->setVisible(!attached);
    bool alive = false;
    for (int n : selectedNumbers()) {
        const int row = m_model->rowOf(n);
        alive = alive || (row >= 0 && !isTerminal(m_model->rowAt(row).state));
    }
    m_kill->setEnabled(attached && alive);
    m_pause->setEnabled(attached && alive);
    m_resume->setEnabled(attached && alive);
    m_again->setEnabled(attached && !selectedNumbers().isEmpty());
    m_export->setEnabled(attached && m_model->rowCount() > 0);
}

} // namespace procdeck::app
