#pragma once
// GNU parallel's profiles and $PARALLEL (20221122's read_options): options a person keeps in a
// file, or in the environment, that every run (or a run with -J NAME) takes first.

#include <QStringList>

namespace procdeck::parallel {

/// `args` with the options of the profiles and of $PARALLEL before its own, and their words
/// that are not options before its command (parallel's order: profiles, $PARALLEL, the command
/// line). The profiles: /etc/parallel/config, `config` in each config folder and ~/.parallelrc,
/// or, with -J/--profile NAME (repeatable), NAME instead: a path when it starts with / or ./,
/// else NAME in each config folder — $PARALLEL_HOME, $XDG_CONFIG_HOME/parallel, each of
/// $XDG_CONFIG_DIRS/parallel, ~/.parallel, those that exist. One that cannot be read is passed
/// over, as parallel does. A profile's lines are split as the shell splits words; lines that
/// start with # are notes. --plain: `args` alone. False with *error for a quote left open.
bool withProfiles(const QStringList &args, QStringList *expanded, QString *error);

} // namespace procdeck::parallel
