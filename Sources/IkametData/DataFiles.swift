import Foundation
import IkametCore

/// Why the shipped data could not be loaded.
public struct DataFileError: Error, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Where each rule file in force comes from.
public struct RuleDataOrigin: Sendable, Equatable, CustomStringConvertible {
    /// File name → where it was read from ("built in", or a path).
    public var files: [(name: String, source: String)]
    public static func == (a: RuleDataOrigin, b: RuleDataOrigin) -> Bool {
        a.files.map(\.name) == b.files.map(\.name) && a.files.map(\.source) == b.files.map(\.source)
    }
    public var description: String {
        files.map { "\($0.name): \($0.source)" }.joined(separator: "; ")
    }
}

/// The rule data: parameters, holidays, checklist templates. Shipped inside the
/// binary (generated from `data/` by `scripts/embed-data`); an office may override
/// any file with a folder (`IKAMET_DATA`, or `$XDG_CONFIG_HOME/ikamet/data`).
public struct RuleData: Sendable {
    public var parameters: RuleParameters
    public var holidays: HolidayTable
    public var checklists: ChecklistTemplates
    /// Where each file came from.
    public var origin: RuleDataOrigin = RuleDataOrigin(files: [])
    /// The demo caseload (`demo.json`) as bytes.
    public var demo: Data = Data()

    /// The rule files, in the order they are loaded.
    public static let fileNames = ["rules.json", "holidays.json", "checklists.json"]

    init(parameters: RuleParameters, holidays: HolidayTable, checklists: ChecklistTemplates) {
        self.parameters = parameters; self.holidays = holidays; self.checklists = checklists
    }

    /// Loads and checks the three files from a directory (every file must be there).
    public static func load(from directory: URL) throws -> RuleData {
        try load(overrides: directory, requireAll: true)
    }

    /// The built-in files, with each file found in `overrides` (if given) taking its place.
    static func load(overrides directory: URL?, requireAll: Bool) throws -> RuleData {
        var sources: [(name: String, source: String)] = []
        func bytes(_ name: String, builtIn: String) throws -> (Data, String) {
            if let directory {
                let url = directory.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: url.path) || requireAll {
                    do { return (try Data(contentsOf: url), url.path) } catch {
                        throw DataFileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
                    }
                }
            }
            return (Data(builtIn.utf8), "built in")
        }
        func read<T: Decodable>(_ name: String, _ builtIn: String, _ type: T.Type) throws -> T {
            let (data, source) = try bytes(name, builtIn: builtIn)
            sources.append((name, source))
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw DataFileError(file: source == "built in" ? "built-in \(name)" : source, reason: describe(error))
            }
        }
        var data = RuleData(parameters: try read("rules.json", EmbeddedData.rules, RuleParameters.self),
                            holidays: try read("holidays.json", EmbeddedData.holidays, HolidayTable.self),
                            checklists: try read("checklists.json", EmbeddedData.checklists, ChecklistTemplates.self))
        for (i, problems) in [data.parameters.problems(), data.holidays.problems(), data.checklists.problems()].enumerated()
        where !problems.isEmpty {
            throw DataFileError(file: sources[i].source == "built in" ? "built-in \(sources[i].name)" : sources[i].source,
                                reason: problems.joined(separator: "; "))
        }
        let (demo, demoSource) = try bytes("demo.json", builtIn: EmbeddedData.demo)
        data.demo = demo
        sources.append(("demo.json", demoSource))
        data.origin = RuleDataOrigin(files: sources)
        return data
    }

    /// The override folder: `$IKAMET_DATA` if set (it must exist), else `$XDG_CONFIG_HOME/ikamet/data`
    /// (default `~/.config/ikamet/data`) if it exists, else none (the built-in files).
    public static func overrideDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL? {
        if let env = environment["IKAMET_DATA"], !env.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: env, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw DataFileError(file: env, reason: "IKAMET_DATA names no folder")
            }
            return URL(fileURLWithPath: env)
        }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        let dir = URL(fileURLWithPath: config).appendingPathComponent("ikamet/data")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory) && isDirectory.boolValue ? dir : nil
    }

    /// The rule data in force: the built-in files, each overridden by the office's folder if it has one.
    public static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuleData {
        try load(overrides: try overrideDirectory(environment: environment), requireAll: false)
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
