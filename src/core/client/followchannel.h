#pragma once

#include "followbudget.h"

#include <QCborMap>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace procdeck {

class EngineConnection;

/// The window's follows of its engine's jobs (docs/protocol.md, `follow`): one connection that
/// carries the output of every job the window mirrors, each frame naming its job, opened on the
/// first follow. A window mirroring 20,000 short jobs used to open (and greet, and close) a
/// connection for each; now it opens one. At most what the engine's hello allows run at once
/// (follows_at_once; one from an engine before multiplexed follows, whose follows then come one
/// after the other), the rest wait their turn in the order asked.
class FollowChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowChannel)

public:
    /// What a follow brings: `output`, then `ended`, or `refused`; or `error` {reason} when the
    /// connection could not be made or was lost (no more comes).
    using Receiver = std::function<void(const QCborMap &message)>;
    /// The most follows this window asks of one connection at once, whatever the engine allows.
    static constexpr int kMostAtOnce = 512;

    /// `client` names the program in its hello ("procdeck 0.1.0").
    explicit FollowChannel(QString client, QObject *parent = nullptr);
    ~FollowChannel() override;

    /// Follows job `number` of the engine for `owner`: what comes goes to `receive` until the
    /// job's `ended` (or `refused`, or an `error`). Nothing comes once `owner` is gone.
    void follow(int number, QObject *owner, Receiver receive);
    /// `owner` no longer wants job `number`'s output: the engine stops sending it (when it
    /// knows how), and nothing more comes to `receive`.
    void unfollow(int number);
    /// Follows asked and not ended yet, sent or waiting their turn.
    int following() const { return int(m_followers.size()); }

private:
    struct Follower {
        QPointer<QObject> owner;
        Receiver receive;
        bool sent = false;
    };
    void onAttached();
    void onMessage(const QCborMap &message);
    /// Sends the `follow` for `number` in its turn (the budget's).
    void ask(int number);
    /// Every follower is told `reason` as an `error`, and forgotten.
    void endAll(const QString &reason);

    QString m_client;
    EngineConnection *m_connection = nullptr;
    std::unique_ptr<FollowBudget> m_budget; ///< made once the engine's hello says its limit
    QHash<int, Follower> m_followers;
    QList<int> m_beforeAttach;               ///< asked while the connection was being made
    int m_sole = 0;                          ///< with one at once: the job being followed
};

} // namespace procdeck
