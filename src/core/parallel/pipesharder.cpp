#include "pipesharder.h"

#include "process/reaper.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace procdeck {

namespace {

// parallel 20221122's sharder_script and binner_script in one, with its column_perlexpr (the
// column by number or header name, the rest a perl expression) and its reading of the header
// line for a name. Arguments: option, sep, header sep, colspec, bin, then each job's fd. It
// says "ready" once the jobs may start, or "error: WHY" and exits 255.
const char kSharderScript[] = R"PERL(
use B;
my ($option, $sep, $hsep, $spec, $bin, @fds) = @ARGV;
sub fail { print "error: $option: @_\n"; exit 255; }
$SIG{PIPE} = 'IGNORE'; # a job that stops reading loses its lines, the others go on
my $bins = @fds;
my %fh;
my $t = 0;
# --bin: the last job takes the keys that are 0 modulo the job count
for ($bin ? ($fds[-1], @fds[0..$#fds-1]) : @fds) {
    open($fh{$t++}, ">&=", $_) or fail("cannot write to a job's pipe: $!");
}
my $header = '';
if ($spec =~ /^[a-z_][a-z_0-9]*(\s|$)/i) { $header = <STDIN> // ''; }
my $col;
if ($spec =~ /^[-a-z0-9_]+(\s|$)/i) {
    if ($spec =~ s/^(-?\d+)(\s|$)//) {
        $col = $1;
    } elsif ($spec =~ s/^([a-z0-9_]+)(\s+|$)//i) {
        my $name = $1;
        my @names = split /$hsep/, $header;
        my %at;
        @at{@names} = (1..($#names+1));
        $col = $at{$name};
        defined $col or fail("Column '$name' not found in header: "
                             . join(" ", map { s/\n//r } @names));
    }
}
my $subref = eval("sub { no strict; no warnings; $spec }");
if (not $subref) { my ($why) = split /\n/, $@; fail("'$spec' is not a perl expression: $why"); }
$| = 1;
print "ready\n";
my $col0 = $col - 1;
while (<STDIN>) {
    @F = split $sep, $_, $col + 1;
    my $fh;
    {
        local $_ = $F[$col0];
        &$subref() if $spec ne '';
        $fh = $fh{ $bin ? $_ % $bins : hex(B::hash($_)) % $bins };
    }
    print $fh $_;
}
close values %fh;
)PERL";

void closeFds(std::vector<int> *fds)
{
    for (int fd : *fds)
        if (fd >= 0)
            ::close(fd);
    fds->clear();
}

} // namespace

PipeSharder::PipeSharder(Rules rules, int inputFd, int jobCount, QObject *parent)
    : QObject(parent), m_rules(std::move(rules)), m_inputFd(inputFd), m_jobCount(jobCount)
{
}

PipeSharder::~PipeSharder()
{
    stop();
    closeFds(&m_readEnds);
    closeFds(&m_writeEnds);
}

bool PipeSharder::start(QString *error)
{
    const auto failed = [this, error](const QString &what) {
        *error = QStringLiteral("%1: %2: %3")
                         .arg(m_rules.option, what, QString::fromLocal8Bit(strerror(errno)));
        return false;
    };
    for (int i = 0; i < m_jobCount; ++i) {
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0)
            return failed(QStringLiteral("cannot make a pipe"));
        m_readEnds.push_back(ends[0]);
        m_writeEnds.push_back(ends[1]);
    }
    // A copy above 2: QProcess makes the child's standard input /dev/null before our modifier.
    const int input = ::fcntl(m_inputFd, F_DUPFD_CLOEXEC, 3);
    if (input < 0)
        return failed(QStringLiteral("cannot read standard input"));
    QStringList args{QStringLiteral("-e"), QString::fromLatin1(kSharderScript),
                     QStringLiteral("--"), m_rules.option, m_rules.sep, m_rules.headerSep,
                     m_rules.colspec, m_rules.bin ? QStringLiteral("1") : QString()};
    for (int fd : m_writeEnds)
        args << QString::number(fd);
    m_perl = std::make_unique<QProcess>();
    m_perl->setStandardInputFile(QProcess::nullDevice());
    m_perl->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // As parallel: B::hash under a PERL_HASH_SEED of a few digits hashes keys of up to 24 bytes
    // the same in every run; longer ones by the seed.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PERL_HASH_SEED"), QString::number(::getpid()));
    m_perl->setProcessEnvironment(env);
    const std::vector<int> writeEnds = m_writeEnds;
    m_perl->setChildProcessModifier([input, writeEnds] {
        ::dup2(input, STDIN_FILENO);
        for (int fd : writeEnds)
            ::fcntl(fd, F_SETFD, 0);
    });
    connect(m_perl.get(), &QProcess::readyReadStandardOutput, this, &PipeSharder::onOutput);
    connect(m_perl.get(), &QProcess::finished, this, &PipeSharder::onFinished);
    m_perl->start(QStringLiteral("perl"), args);
    ::close(input);
    closeFds(&m_writeEnds); // perl's now: the jobs see their end when perl has ended
    if (m_perl->state() == QProcess::NotRunning || !m_perl->waitForStarted()) {
        *error = QStringLiteral("%1: perl cannot be started: %2")
                         .arg(m_rules.option, m_perl->errorString());
        m_perl.reset();
        return false;
    }
    // The fork is done and no event has been handled since: the reaper's sweep (this thread's)
    // cannot have collected it.
    m_pid = pid_t(m_perl->processId());
    reaper::registerChild(m_pid);
    return true;
}

void PipeSharder::stop()
{
    if (!m_perl || m_perl->state() == QProcess::NotRunning)
        return;
    m_perl->disconnect(this);
    m_perl->kill();
    m_perl->waitForFinished(2000);
    reaper::unregisterChild(m_pid);
    m_pid = 0;
}

void PipeSharder::onOutput()
{
    m_said += m_perl->readAllStandardOutput();
    if (!m_ready && m_said.startsWith("ready\n")) {
        m_ready = true;
        emit ready();
    }
}

void PipeSharder::onFinished(int exitCode, QProcess::ExitStatus status)
{
    reaper::unregisterChild(m_pid);
    m_pid = 0;
    onOutput();
    QString error;
    if (m_said.startsWith("error: "))
        error = QString::fromLocal8Bit(m_said.mid(7).trimmed());
    else if (status != QProcess::NormalExit || exitCode != 0)
        error = QStringLiteral("%1: perl ended before all of standard input was given out")
                        .arg(m_rules.option);
    emit finished(error);
}

} // namespace procdeck
