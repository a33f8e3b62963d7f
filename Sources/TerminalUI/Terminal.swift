/// The seam between the app and a real terminal: the ncurses backend and the
/// headless test terminal both implement it.
@MainActor
public protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows a frame (only what changed is sent).
    func draw(_ frame: Frame)
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
}

/// A terminal in memory for tests: keys are queued, frames recorded.
@MainActor
public final class HeadlessTerminal: Terminal {
    public var size: (width: Int, height: Int)
    public private(set) var frames: [Frame] = []
    public var queuedKeys: [Key]

    /// Whether every frame is kept (tests) or only the last one (benchmarks).
    public let keepsHistory: Bool

    public init(width: Int = 80, height: Int = 24, keys: [Key] = [], keepsHistory: Bool = true) {
        size = (width, height)
        queuedKeys = keys
        self.keepsHistory = keepsHistory
    }

    public func draw(_ frame: Frame) {
        if !keepsHistory { frames.removeAll(keepingCapacity: true) }
        frames.append(frame)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        queuedKeys.isEmpty ? nil : queuedKeys.removeFirst()
    }

    /// The last frame drawn.
    public var lastFrame: Frame? { frames.last }
}
