#include "parallelsemaphore.h"

#include "paralleloptions.h"
#include "types/jobspec.h"

#include <unistd.h>

namespace procdeck::parallel {

bool applySemaphore(const Option &o, SemaphoreOptions *s, QString *error)
{
    s->on = true;
    if (o.canonical == QLatin1String("fg"))
        s->foreground = true;
    else if (o.canonical == QLatin1String("bg"))
        s->foreground = false;
    else if (o.canonical == QLatin1String("wait"))
        s->wait = true;
    else if (o.canonical == QLatin1String("semaphore-name"))
        s->name = o.value;
    else if (o.canonical == QLatin1String("semaphore-timeout")
             && !readDuration(o.value.startsWith(u'-') ? o.value.mid(1) : o.value,
                              &s->timeoutSeconds)) {
        *error = QStringLiteral("--semaphoretimeout: not a duration: '%1' (seconds, or 1m30s; "
                                "negative: give up then)")
                         .arg(o.value);
        return false;
    } else if (o.canonical == QLatin1String("semaphore-timeout") && o.value.startsWith(u'-')) {
        s->timeoutSeconds = -s->timeoutSeconds;
    }
    return true;
}

bool settleSemaphore(const QStringList &argFiles, const QStringList &rest, SemaphoreOptions *s,
                     QStringList *words, JobSpec *base, QString *error)
{
    if (argFiles.size() > 1) {
        *error = QStringLiteral("A semaphore cannot take input from more files");
        return false;
    }
    if (!rest.isEmpty()) {
        *error = QStringLiteral("--semaphore runs one command: no ::: or :::: values (%1)")
                         .arg(rest.first());
        return false;
    }
    if (s->wait)
        *words = QStringList{QStringLiteral("true")};
    if (words->isEmpty()) {
        *error = QStringLiteral("--semaphore: no command given");
        return false;
    }
    base->standardInputFile = argFiles.isEmpty() ? QStringLiteral("/dev/stdin") : argFiles.first();
    if (s->name.isEmpty()) {
        const char *tty = ::ttyname(STDIN_FILENO);
        s->name = tty ? QString::fromLocal8Bit(tty) : QStringLiteral("not a tty");
    }
    return true;
}

} // namespace procdeck::parallel
