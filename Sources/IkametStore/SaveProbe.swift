import Foundation

/// A test hook for the crash checks (`scripts/reliability/tui-crash`): when
/// `IKAMET_TEST_SAVE_PROBE` names a folder, every write transaction marks its
/// start (`begun`) once its changes are made and before it commits, waits
/// `IKAMET_TEST_SAVE_DELAY_MS` milliseconds (default 0), then marks its commit
/// (`committed`), so that a kill can be shown to have landed inside a save. Off
/// (no file touched, no delay) when the variable is unset, as in normal use.
struct SaveProbe: Sendable {
    let folder: URL
    let delayMicroseconds: UInt32

    /// The probe asked for by the environment, if any.
    static let fromEnvironment: SaveProbe? = {
        let env = ProcessInfo.processInfo.environment
        guard let path = env["IKAMET_TEST_SAVE_PROBE"], !path.isEmpty else { return nil }
        let ms = UInt32(env["IKAMET_TEST_SAVE_DELAY_MS"] ?? "") ?? 0
        return SaveProbe(folder: URL(fileURLWithPath: path), delayMicroseconds: min(ms, 5000) * 1000)
    }()

    /// Before the commit: the save has begun; then the delay.
    func begin() {
        mark("begun")
        if delayMicroseconds > 0 { usleep(delayMicroseconds) }
    }

    /// After the commit.
    func commit() { mark("committed") }

    private func mark(_ name: String) {
        let stamp = String(DispatchTime.now().uptimeNanoseconds)
        try? Data(stamp.utf8).write(to: folder.appendingPathComponent(name))
    }
}
