import Foundation

/// Shared helpers of the CLI tests: the repository, temporary folders and
/// running the built `ikamet` binary as a process.

/// Paths in the repository these tests belong to.
enum Repo {
    /// The repository root, three levels above this file (Tests/IkametCLITests/CLITestSupport.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The debug binary (`swift build` runs before the tests), or `IKAMET_TEST_BINARY` (the
    /// sanitizer runs point it at the sanitized build).
    static let binary = ProcessInfo.processInfo.environment["IKAMET_TEST_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? root.appendingPathComponent(".build/debug/ikamet")
    /// The shipped rules, holidays and checklist templates.
    static let data = root.appendingPathComponent("data")
}

/// A fresh folder under the temporary directory. Call `remove()` (in a `defer`).
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ikamet-cli-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// What a run of the binary produced.
struct RunResult {
    var status: Int32
    var stdoutData: Data
    var stderrData: Data
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

struct RunTimeout: Error, CustomStringConvertible {
    var arguments: [String]
    var description: String { "ikamet \(arguments.joined(separator: " ")) did not finish in time" }
}

/// Runs `.build/debug/ikamet` with `arguments` in `dir`, with `IKAMET_DATA`
/// pointing at the repository's data/ and no other `IKAMET_*` variables
/// inherited. Output goes to files (no pipe can fill up); stdin is empty.
func runIkamet(_ arguments: [String], in dir: TempDir, environment extra: [String: String] = [:],
               timeout: TimeInterval = 120, stdin: String? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = Repo.binary
    process.arguments = arguments
    process.currentDirectoryURL = dir.url
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("IKAMET_") }
    env["IKAMET_DATA"] = Repo.data.path
    env["XDG_DATA_HOME"] = dir.path("xdg")   // never the real default store
    // The language follows the locale: tests choose theirs (English unless they say otherwise).
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANG"] = "C.UTF-8"
    env.merge(extra) { _, new in new }
    process.environment = env

    let token = UUID().uuidString
    let outPath = dir.path(".stdout-\(token)"), errPath = dir.path(".stderr-\(token)")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    if let stdin {
        let inPath = try dir.write(".stdin-\(token)", stdin)
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        throw RunTimeout(arguments: arguments)
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: process.terminationStatus,
                     stdoutData: try Data(contentsOf: URL(fileURLWithPath: outPath)),
                     stderrData: try Data(contentsOf: URL(fileURLWithPath: errPath)))
}

/// Signs that a crash or stack trace reached the user.
func looksLikeACrash(_ text: String) -> Bool {
    ["Fatal error", "Stack dump", "Backtrace", "backtrace", "Current stack trace", "SIGTRAP", "SIGSEGV", "#0 ", "0x0000"]
        .contains { text.contains($0) }
}
