#pragma once

#include "paralleloptions.h"

#include <QString>
#include <QStringList>

namespace procdeck::parallel {

/// What the options of GNU parallel's form asked for, before the jobs are made.
struct Settings {
    QString jobs;
    bool keepOrder = false;
    bool noKeepOrder = false;
    bool tag = false;
    QString tagString;
    bool hasTagString = false;
    bool dryRun = false;
    int shellQuote = 0;
    bool null = false;
    QString delimiter;
    bool hasDelimiter = false;
    QStringList argFiles;
    QString colsep;
    bool hasColsep = false;
    QString trim;
    bool hasTrim = false;
    int maxArgs = 1;
    bool noRunIfEmpty = false;
    bool linkAll = false;
    double delay = 0;
    double timeout = 0;
    QString jobLog;
    QString whole = QStringLiteral("{}"); ///< -I: what stands for the value
    QStringList procdeckArgs; ///< ProcDeck's own job options, for joboptions::read
};

/// Takes one option of the parallel form into *s; one the front end handles itself (--resume,
/// --help …) goes to *frontEnd. False with a one-line *error for a value it cannot use, an
/// option that is not supported or one that conflicts with the parallel form.
bool apply(const Option &o, Settings *s, QStringList *frontEnd, QString *error);

} // namespace procdeck::parallel
