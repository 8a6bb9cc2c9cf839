#pragma once

#include <QString>

/// Issue 22's words, search and odds and ends, at 1280×800 and 800×600 (`suffix` names the
/// language): the end told in order, the search of complete output, the forms, Help's
/// dialogs, a past job's output, the HTML report and the printf warning.
int takeWordsScenes(const QString &outDir, const QString &suffix);
