#pragma once

#include <QString>

namespace procdeck::paths {

/// A new, unique folder name for one run's output under the app's data location
/// (…/procdeck/runs/20261126-003600-123-4242). Not created here: the first spill creates it.
QString newRunFolder();
/// Creates a new folder of its own for one run's output inside `parent` (created if need be),
/// named as newRunFolder() names them; a name some other run took meanwhile is never reused.
/// Returns its path, or empty with *error ("cannot create '/x/y': Permission denied").
QString createRunFolder(const QString &parent, QString *error);
/// The folder that holds every run's folder.
QString runsRoot();

} // namespace procdeck::paths
