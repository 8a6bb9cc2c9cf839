#include "perlevaluator.h"

#include "process/reaper.h"
#include "types/jobspec.h"
#include "types/rawbytes.h"

#include <QProcess>

#include <utility>

namespace procdeck::parallel {

namespace {

/// How long one answer may take: an expression is user code, but one that runs a minute on a
/// value is not what {= =} is for; perl that stops answering must not hang the run.
constexpr int kAnswerMs = 60000;

// The program perl runs. Requests and answers are fields: a decimal length, "\n", the bytes.
// "C" CODE compiles (answer: "ok" "" or "err" MESSAGE); "E" ID VALUE SEQ SLOT TOTAL MAXJOBS N
// ARG... evaluates (answer: FLAGS RESULT, FLAGS holding 'u' for uq() and 's' for skip()).
// Values are bytes: no encoding layer, as parallel reads them.
const char kScript[] = R"PERL(
binmode STDIN; binmode STDOUT; $| = 1;
sub field {
    my $n = <STDIN>; exit 0 unless defined $n; chomp $n;
    my $b = '';
    while (length($b) < $n) { read(STDIN, $b, $n - length($b), length($b)) or exit 0; }
    return $b;
}
sub answer { print STDOUT map { length($_) . "\n" . $_ } @_; }
sub make_regexp_ungreedy {
    # --plus's {%re} and {#re}: each quantifier made lazy, outside classes and escapes.
    my ($re, $out, $in_class, $escaped, $after_quantifier) = (shift, '', 0, 0, 0);
    for my $c (split //, $re) {
        $out .= '?' if $after_quantifier and $c ne '?';
        $after_quantifier = 0;
        $out .= $c;
        if ($escaped) { $escaped = 0; }
        elsif ($c eq '\\') { $escaped = 1; }
        elsif ($in_class) { $in_class = 0 if $c eq ']'; }
        elsif ($c eq '[') { $in_class = 1; }
        elsif ($c =~ /[*+}]/) { $after_quantifier = 1; }
    }
    return $after_quantifier ? "$out?" : $out;
}
sub uniq { my %seen; return grep { not $seen{$_}++ } @_; }
package ProcDeckJob;
sub seq { $_[0]{seq} } sub slot { $_[0]{slot} } sub skip { $Arg::skipped = 1; }
package Arg;
our (@arg, $unquoted, $skipped, $job, $total);
sub Q {
    my $s = shift;
    return "''" if $s eq '';
    return $s unless $s =~ m{[^-_.+a-zA-Z0-9/]};
    $s =~ s/'/'"'"'/g;
    $s = "'$s'";
    $s =~ s/^''//; $s =~ s/''$//;
    return $s;
}
sub pQ { my $s = shift; $s =~ s/([\\"\$\@])/\\$1/g; return $s; }
sub uq { $unquoted = 1; }
sub skip { $skipped = 1; }
sub seq { $job->seq } sub slot { $job->slot } sub total_jobs { $total }
sub hash { require B; B::hash(@_); }
sub compile { eval('sub { no strict; no warnings; my $job = shift; ' . $_[0] . ' }') }
package main;
my @subs;
while (1) {
    my $kind = field();
    if ($kind eq 'C') {
        my $sub = Arg::compile(field());
        if ($sub) { push @subs, $sub; answer('ok', ''); next; }
        my $why = $@; $why =~ s/\s+\z//; $why =~ s/\s*\n\s*/ /g;
        answer('err', $why);
        next;
    }
    my ($id, $value, $seq, $slot, $total, $running, $n) = map { field() } 1 .. 7;
    @Arg::arg = (undef, map { field() } 1 .. $n);
    ($Arg::unquoted, $Arg::skipped, $Arg::total) = (0, 0, $total);
    $Global::max_jobs_running = $running;
    $Arg::job = bless { seq => $seq, slot => $slot }, 'ProcDeckJob';
    local $_ = $value;
    $subs[$id]->($Arg::job);
    answer(($Arg::unquoted ? 'u' : '') . ($Arg::skipped ? 's' : ''), defined $_ ? $_ : '');
}
)PERL";

QByteArray framed(const QList<QByteArray> &fields)
{
    QByteArray out;
    for (const QByteArray &f : fields)
        out += QByteArray::number(f.size()) + '\n' + f;
    return out;
}

} // namespace

PerlEvaluator::PerlEvaluator() = default;

PerlEvaluator::~PerlEvaluator()
{
    stop();
}

void PerlEvaluator::stop()
{
    if (!m_perl)
        return;
    m_perl->closeWriteChannel(); // its read ends: it exits by itself
    if (!m_perl->waitForFinished(2000)) {
        m_perl->kill();
        m_perl->waitForFinished(2000);
    }
    reaper::unregisterChild(m_pid);
    m_pid = 0;
    m_perl.reset();
}

bool PerlEvaluator::start()
{
    if (m_perl)
        return true;
    m_perl = std::make_unique<QProcess>();
    // Its errors in evaluating are its answers; what else it says goes where ours goes.
    m_perl->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_perl->start(QStringLiteral("perl"), {QStringLiteral("-e"), QString::fromLatin1(kScript)});
    if (!m_perl->waitForStarted()) {
        m_error = QStringLiteral("perl cannot be started: %1").arg(m_perl->errorString());
        m_perl.reset();
        return false;
    }
    // Registered at once: nothing on this thread has run the reaper's sweep since the fork.
    m_pid = pid_t(m_perl->processId());
    reaper::registerChild(m_pid);
    return true;
}

bool PerlEvaluator::request(const QList<QByteArray> &fields, int answers, QList<QByteArray> *out)
{
    if (!start())
        return false;
    m_perl->write(framed(fields));
    QByteArray buffer;
    out->clear();
    while (out->size() < answers) {
        const qsizetype newline = buffer.indexOf('\n');
        bool ok = false;
        const qsizetype length = newline < 0 ? -1 : buffer.left(newline).toLongLong(&ok);
        if (ok && buffer.size() - newline - 1 >= length) {
            *out << buffer.mid(newline + 1, length);
            buffer.remove(0, newline + 1 + length);
            continue;
        }
        if (m_perl->bytesAvailable() == 0 && !m_perl->waitForReadyRead(kAnswerMs)) {
            m_error = m_perl->state() == QProcess::NotRunning
                    ? QStringLiteral("perl ended (exit status %1)").arg(m_perl->exitCode())
                    : QStringLiteral("perl did not answer for a minute");
            stop();
            return false;
        }
        buffer += m_perl->readAllStandardOutput();
    }
    return true;
}

int PerlEvaluator::compile(const QString &code, QString *error)
{
    const qsizetype known = m_codes.indexOf(code);
    if (known >= 0)
        return int(known);
    QList<QByteArray> answer;
    if (!request({"C", rawbytes::toBytes(code)}, 2, &answer)) {
        *error = QStringLiteral("the perl expression {=%1=}: %2").arg(code, m_error);
        return -1;
    }
    if (answer.at(0) != "ok") {
        *error = QStringLiteral("the perl expression {=%1=} cannot be used: %2")
                         .arg(code, rawbytes::fromBytes(answer.at(1)));
        return -1;
    }
    m_codes << code;
    return int(m_codes.size() - 1);
}

bool PerlEvaluator::evaluate(int id, const QString &value, int index, const Job &job,
                             Result *out)
{
    if (job.seq != m_cachedSeq) {
        m_cache.clear();
        m_cachedSeq = job.seq;
    }
    const QString key = QString::number(id) + QLatin1Char(' ') + QString::number(index);
    if (const auto cached = m_cache.constFind(key); cached != m_cache.cend()) {
        *out = *cached;
        m_skipped = m_skipped || out->skip;
        return true;
    }
    QList<QByteArray> fields{"E",
                             QByteArray::number(id),
                             rawbytes::toBytes(value),
                             QByteArray::number(job.seq),
                             QByteArray::number(job.slot),
                             QByteArray::number(job.total),
                             QByteArray::number(job.maxJobsRunning),
                             QByteArray::number(job.args.size())};
    for (const QString &arg : job.args)
        fields << rawbytes::toBytes(arg);
    QList<QByteArray> answer;
    if (!request(fields, 2, &answer)) {
        m_error = QStringLiteral("the perl expression {=%1=}: %2").arg(m_codes.at(id), m_error);
        return false;
    }
    out->unquote = answer.at(0).contains('u');
    out->skip = answer.at(0).contains('s');
    out->text = rawbytes::fromBytes(answer.at(1));
    m_skipped = m_skipped || out->skip;
    m_cache.insert(key, *out);
    return true;
}

bool PerlEvaluator::settle(bool dryRun, JobSpec *spec, QString *error)
{
    if (!m_error.isEmpty()) {
        *error = m_error;
        return false;
    }
    if (!std::exchange(m_skipped, false))
        return true;
    ++m_skippedJobs;
    if (!dryRun) {
        spec->shellCommand = QStringLiteral("exit 254");
        spec->slotAt.clear();
    }
    return true;
}

} // namespace procdeck::parallel
