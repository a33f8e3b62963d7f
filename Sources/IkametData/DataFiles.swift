import Foundation
import IkametCore

/// Why the shipped data could not be loaded.
public struct DataFileError: Error, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}

/// The rule data shipped in `data/`: parameters, holidays, checklist templates.
public struct RuleData: Sendable {
    public var parameters: RuleParameters
    public var holidays: HolidayTable
    public var checklists: ChecklistTemplates

    /// Loads and checks the three files from a directory.
    public static func load(from directory: URL) throws -> RuleData {
        func read<T: Decodable>(_ name: String, _ type: T.Type) throws -> T {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw DataFileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
            }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw DataFileError(file: url.path, reason: describe(error))
            }
        }
        let data = RuleData(parameters: try read("rules.json", RuleParameters.self),
                            holidays: try read("holidays.json", HolidayTable.self),
                            checklists: try read("checklists.json", ChecklistTemplates.self))
        for (file, problems) in [("rules.json", data.parameters.problems()), ("holidays.json", data.holidays.problems()),
                                 ("checklists.json", data.checklists.problems())] where !problems.isEmpty {
            throw DataFileError(file: directory.appendingPathComponent(file).path, reason: problems.joined(separator: "; "))
        }
        return data
    }

    /// The `data/` folder: `$IKAMET_DATA` if set, else the repository's `data/`
    /// (found beside the executable's build folder or from this source file).
    public static func locateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let fm = FileManager.default
        func ok(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("rules.json").path) }
        if let env = environment["IKAMET_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/ikamet/data").standardizedFileURL)
        var dir = exe
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("data"))
            dir = dir.deletingLastPathComponent()
        }
        // The repository root, four levels above this file (Sources/IkametData/DataFiles.swift).
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data"))
        return candidates.first(where: ok)
    }

    /// Loads from the located directory.
    public static func loadDefault() throws -> RuleData {
        guard let dir = locateDirectory() else {
            throw DataFileError(file: "data/", reason: "the rules folder was not found; set IKAMET_DATA to the repository's data/ folder")
        }
        return try load(from: dir)
    }
}

/// A decoding error in words: the path of the field and what is wrong.
public func describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out.isEmpty ? "(top level)" : out
    }
    guard let e = error as? DecodingError else { return String(describing: error) }
    switch e {
    case .dataCorrupted(let c):
        if c.codingPath.isEmpty { return "not valid JSON (\(c.underlyingError.map { String(describing: $0) } ?? c.debugDescription))" }
        return "\(path(c.codingPath)): \(c.debugDescription)"
    case .keyNotFound(let k, let c): return "\(path(c.codingPath + [k])): missing"
    case .typeMismatch(let t, let c): return "\(path(c.codingPath)): expected \(t)"
    case .valueNotFound(let t, let c): return "\(path(c.codingPath)): expected \(t), found null"
    @unknown default: return String(describing: e)
    }
}
