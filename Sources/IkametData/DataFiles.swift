import Foundation
import IkametCore

/// Why the shipped data could not be loaded: the file and what is wrong, as facts (`cli.data.error.…`)
/// that a catalog renders (`message`).
public struct DataFileError: Error, CustomStringConvertible {
    /// The file's path, or its name when it is the copy built into the binary.
    public let file: String
    /// Whether `file` names the built-in copy.
    public let builtIn: Bool
    /// What is wrong.
    public let reason: Message

    public init(file: String, builtIn: Bool = false, reason: Message) {
        self.file = file; self.builtIn = builtIn; self.reason = reason
    }

    /// The whole refusal: "<file>: <reason>", the file as "built-in rules.json" or its path.
    public var message: Message {
        let name: MessageArg = builtIn ? .message(Message("cli.data.built-in-file", ["name": .text(file)])) : .text(file)
        return Message("cli.data.error.file", ["file": name, "reason": .message(reason)])
    }
    /// The message in its encoded form (for logs; users see `message` rendered by a catalog).
    public var description: String { MessageCodec.encode(message) }
}

/// Where each rule file in force comes from.
public struct RuleDataOrigin: Sendable, Equatable, CustomStringConvertible {
    /// The source of a file shipped inside the binary (a fixed id; shown as the catalog's `cli.rules.built-in`).
    public static let builtIn = "built in"  // lint:allow-literal an id, compared and rendered by the CLI
    /// File name → where it was read from (`builtIn`, or a path).
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
                        throw DataFileError(file: url.path, reason: Message("cli.data.error.unreadable", ["detail": .text(error.localizedDescription)]))
                    }
                }
            }
            return (Data(builtIn.utf8), RuleDataOrigin.builtIn)
        }
        /// The refusal of a file read from `source` (a path, or the built-in copy of `name`).
        func refusal(_ name: String, _ source: String, _ reason: Message) -> DataFileError {
            source == RuleDataOrigin.builtIn ? DataFileError(file: name, builtIn: true, reason: reason) : DataFileError(file: source, reason: reason)
        }
        func read<T: Decodable>(_ name: String, _ builtIn: String, _ type: T.Type) throws -> T {
            let (data, source) = try bytes(name, builtIn: builtIn)
            sources.append((name, source))
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw refusal(name, source, describe(error))
            }
        }
        var data = RuleData(parameters: try read("rules.json", EmbeddedData.rules, RuleParameters.self),
                            holidays: try read("holidays.json", EmbeddedData.holidays, HolidayTable.self),
                            checklists: try read("checklists.json", EmbeddedData.checklists, ChecklistTemplates.self))
        for (i, problems) in [data.parameters.problems(), data.holidays.problems(), data.checklists.problems()].enumerated()
        where !problems.isEmpty {
            throw refusal(sources[i].name, sources[i].source,
                          Message("cli.data.error.problems", ["problems": .list(problems.map(MessageArg.message))]))
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
                throw DataFileError(file: env, reason: Message("cli.data.error.no-folder"))
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

/// A decoding error as facts: the path of the field and what is wrong (`cli.data.error.…`). A reason the
/// model's own decoders give travels as an encoded message in the description (see `MessageCodec`).
public func describe(_ error: any Error) -> Message {
    func path(_ keys: [any CodingKey]) -> MessageArg {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out.isEmpty ? .message(Message("cli.data.error.top-level")) : .text(out)
    }
    /// A description that is an encoded message, or the text itself.
    func detail(_ text: String) -> MessageArg {
        if text.hasPrefix("{"), let m = MessageCodec.decode(text) { return .message(m) }
        return .text(text)
    }
    guard let e = error as? DecodingError else { return Message("cli.data.error.other", ["detail": .text(String(describing: error))]) }
    switch e {
    case .dataCorrupted(let c):
        if c.codingPath.isEmpty {
            return Message("cli.data.error.not-json", ["detail": .text(c.underlyingError.map { String(describing: $0) } ?? c.debugDescription)])
        }
        return Message("cli.data.error.at", ["path": path(c.codingPath), "detail": detail(c.debugDescription)])
    case .keyNotFound(let k, let c): return Message("cli.data.error.missing", ["path": path(c.codingPath + [k])])
    case .typeMismatch(let t, let c): return Message("cli.data.error.type", ["path": path(c.codingPath), "type": .text("\(t)")])
    case .valueNotFound(let t, let c): return Message("cli.data.error.null", ["path": path(c.codingPath), "type": .text("\(t)")])
    @unknown default: return Message("cli.data.error.other", ["detail": .text(String(describing: e))])
    }
}
