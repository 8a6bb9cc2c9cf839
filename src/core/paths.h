#pragma once

#include <QString>

namespace procdeck::paths {

/// A new, unique folder name for one run's output under the app's data location
/// (…/procdeck/runs/20261126-003600-123-4242). Not created here: the first spill creates it.
QString newRunFolder();
/// The folder that holds every run's folder.
QString runsRoot();

} // namespace procdeck::paths
