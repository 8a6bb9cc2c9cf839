#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace procdeck::app {

/// A past job's kept output (its spill files), from the History: the last MiB of each stream,
/// read and decoded on a worker thread, terminal escapes removed. Says so when the files are
/// gone (the history's retention, or by hand).
class KeptOutputDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeptOutputDialog)

public:
    static constexpr qint64 kShownBytes = 1024 * 1024;

    /// Starts reading at once; the texts show when they are read (loaded()).
    KeptOutputDialog(const QString &title, const QString &stdoutPath, const QString &stderrPath,
                     const QString &encoding, QWidget *parent = nullptr);

    bool isLoaded() const { return m_loaded; }
    QString stdoutText() const;
    QString stderrText() const;
    /// The line above the texts: what is shown, or why nothing is.
    QString message() const;

signals:
    void loaded();

private:
    struct Stream {
        QString text;
        bool gone = false;    ///< a file was named but cannot be read
        bool cut = false;     ///< only its last kShownBytes are shown
    };
    static Stream read(const QString &path, const QString &encoding);
    void fill(const Stream &out, const Stream &err);

    QLabel *m_message = nullptr;
    QPlainTextEdit *m_stdout = nullptr;
    QPlainTextEdit *m_stderr = nullptr;
    bool m_loaded = false;
};

} // namespace procdeck::app
