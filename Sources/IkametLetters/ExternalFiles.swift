import Foundation

/// A file a user names for the practice tools (an Entry-Exit Record): a regular file, read up to a limit,
/// so that a device, a pipe or a huge file never holds the program. One reader for the CLI and the TUI.
public enum BoundedRead {
    /// Why the file was not read.
    public enum Failure: Error, Equatable {
        case missing
        /// A directory, a device or a pipe.
        case notRegular
        /// More than the limit.
        case tooBig
        /// The system's reason.
        case unreadable(String)
    }

    /// The bytes of the regular file at `path`, at most `limit`.
    public static func file(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing }
        guard (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular else { throw .notRegular }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch { throw .unreadable(error.localizedDescription) }
        defer { try? handle.close() }
        return try read(handle, limit: limit)
    }

    /// What `handle` holds (standard input), at most `limit` bytes.
    public static func read(_ handle: FileHandle, limit: Int) throws(Failure) -> [UInt8] {
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch { throw .unreadable(error.localizedDescription) }
        guard data.count <= limit else { throw .tooBig }
        return [UInt8](data)
    }
}

/// A program of the system the practice tools hand work to (a PDF converter, the mail transfer agent):
/// found on the PATH, run with its output discarded and the end of its error output kept.
public enum ExternalTool {
    /// The first of `names` found as an executable on `PATH`, then in `extraDirectories`.
    public static func find(_ names: [String], extraDirectories: [String] = [],
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let dirs = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + extraDirectories
        for name in names {
            if let found = dirs.map({ $0 + "/" + name }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        }
        return nil
    }

    /// Runs `path` with `arguments`, `input` on its standard input (nothing when nil); its exit status and the
    /// last 400 characters of its error output.
    public static func run(_ path: String, _ arguments: [String], input: Data? = nil) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe(), stdin = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let detail = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(String(decoding: detail, as: UTF8.self).suffix(400)))
    }
}
