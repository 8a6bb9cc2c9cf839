#pragma once
// What the window's test suites share: their includes, a fresh home, and small helpers.
#include "batchdialog.h"
#include "historydialog.h"
#include "core/parallel/batch.h"
#include "core/models/jobfilterproxy.h"
#include "core/models/jobtablemodel.h"
#include "launchdialog.h"
#include "mainwindow.h"
#include "noticebar.h"
#include "outputpane.h"
#include "outputview.h"
#include "translations.h"
#include "usagechart.h"
#include "jobitemdelegate.h"
#include "statussummary.h"
#include "timelineview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolBar>
#include <QHeaderView>
#include <QTranslator>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

#include "testutil.h"

using namespace procdeck;
using namespace procdeck::app;

namespace windowtest {
constexpr int kDeadlineMs = 30000;

/// Runs `fill` on the next modal dialog of type T as soon as it is open.
template<typename T, typename F>
void whenDialogOpens(F fill)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, fill] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            fill(dialog);
        }
    });
    timer->start();
}

inline int rowOfSeq(const MainWindow &w, int seq)
{
    for (int row = 0; row < w.proxy()->rowCount(); ++row)
        if (w.proxy()->index(row, 0).data(JobTableModel::SeqRole).toInt() == seq)
            return row;
    return -1;
}
} // namespace windowtest

namespace windowtest {
/// Settings and run folders in `home`, never the person's own; messages in the sources' words.
inline void setUpHome(const QTemporaryDir &home)
{
    // Settings and run folders go to a fresh place, never the person's own.
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    // The window attaches to the engine that answers there: none, not the person's own.
    QDir(home.path()).mkdir(QStringLiteral("run"));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", home.filePath(QStringLiteral("run")).toUtf8());
    QLocale::setDefault(QLocale::c());
    // The window program's name: its settings and history files are the ones the tests' windows use.
    QCoreApplication::setApplicationName(QStringLiteral("procdeck"));
}

/// The real window program, as a person starts it, on the offscreen platform.
inline void startGui(QProcess *gui, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    gui->setProcessEnvironment(env);
    gui->start(QStringLiteral(PROCDECK_GUI_PATH), args);
}

/// Sleep lengths no other run of these tests uses at the same moment (they are found by pgrep).
inline int uniqueSeconds()
{
    static int next = 1000 + int(QCoreApplication::applicationPid() % 4000) * 2;
    return next += 2;
}

inline bool sleepsAlive(const QString &pattern)
{
    QProcess pgrep;
    pgrep.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), pattern});
    pgrep.waitForFinished();
    return !pgrep.readAllStandardOutput().trimmed().isEmpty();
}

/// One of ProcDeck's translations ("ko", or "en" for English plurals), installed while it lives.
class Translation final
{
public:
    explicit Translation(const char *language)
    {
        QVERIFY(m_translator.load(
            QStringLiteral(":/i18n/procdeck_%1.qm").arg(QLatin1String(language))));
        QCoreApplication::installTranslator(&m_translator);
    }
    ~Translation() { QCoreApplication::removeTranslator(&m_translator); }
    Translation(const Translation &) = delete;
    Translation &operator=(const Translation &) = delete;

private:
    QTranslator m_translator;
};
} // namespace windowtest

using namespace windowtest;
