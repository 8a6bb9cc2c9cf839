#include "hostsetup.h"

#include "sshfiles.h"
#include "sshrun.h"

#include <utility>

namespace procdeck {

namespace {

/// parallel runs its copies with --retries 5.
constexpr int kTries = 5;

} // namespace

HostSetup::HostSetup(RemoteFiles files, QObject *parent)
    : QObject(parent), m_files(std::move(files))
{
}

HostSetup::~HostSetup() = default;

void HostSetup::prepare(const QList<SshLogin> &logins)
{
    for (const SshLogin &login : logins) {
        if (login.isLocal() || m_hosts.contains(login.text()))
            continue;
        auto host = std::make_shared<Host>();
        host->login = login;
        m_hosts.insert(login.text(), host);
        run(host.get(), sshfiles::baseSetup(SshRun::sshText(login), login.host, m_files));
    }
}

void HostSetup::run(Host *host, const QString &line)
{
    ++host->tries;
    host->helper = std::make_unique<HelperProcess>();
    connect(host->helper.get(), &HelperProcess::finished, this,
            [this, host](const HelperResult &result) { onEnded(host, result); });
    host->helper->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line});
}

void HostSetup::onEnded(Host *host, const HelperResult &result)
{
    if (host->removing) {
        host->removing = false;
        if (!busy())
            emit changed();
        return;
    }
    if (!result.succeeded() && host->tries < kTries) {
        run(host, sshfiles::baseSetup(SshRun::sshText(host->login), host->login.host, m_files));
        return;
    }
    if (result.succeeded()) {
        host->state = State::Ready;
    } else {
        host->state = State::Failed;
        const QString said = QString::fromLocal8Bit(result.out + result.err).simplified();
        host->failure = QStringLiteral("Copying of --basefile failed: %1")
                            .arg(said.isEmpty() ? result.error : said);
    }
    emit changed();
}

HostSetup::State HostSetup::state(const SshLogin &login) const
{
    if (login.isLocal())
        return State::Ready;
    const auto it = m_hosts.constFind(login.text());
    return it == m_hosts.constEnd() ? State::Copying : it.value()->state;
}

QString HostSetup::failure(const SshLogin &login) const
{
    const auto it = m_hosts.constFind(login.text());
    return it == m_hosts.constEnd() ? QString() : it.value()->failure;
}

void HostSetup::finish()
{
    const QHash<QString, std::shared_ptr<Host>> hosts = std::exchange(m_hosts, {});
    for (auto it = m_removing.begin(); it != m_removing.end();)
        it = it.value()->removing ? std::next(it) : m_removing.erase(it);
    if (!m_files.cleanup)
        return;
    for (const std::shared_ptr<Host> &host : hosts) {
        if (host->state != State::Ready)
            continue;
        host->removing = true;
        m_removing.insert(host->login.text(), host);
        run(host.get(),
            sshfiles::baseCleanup(SshRun::sshText(host->login), host->login.host, m_files));
    }
}

bool HostSetup::busy() const
{
    for (const std::shared_ptr<Host> &host : m_hosts)
        if (host->helper && host->helper->isRunning())
            return true;
    for (const std::shared_ptr<Host> &host : m_removing)
        if (host->removing)
            return true;
    return false;
}

} // namespace procdeck
