import ArgumentParser
import Foundation
import IkametCore
import TerminalUI
import IkametData
import IkametStore

/// Options every command accepts (after its name), and the TUI too.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The office store file (default: $IKAMET_STORE, else $XDG_DATA_HOME/ikamet/office.sqlite).", valueName: "path"))
    public var store: String?

    @Option(name: .long, help: ArgumentHelp("Pin today's date, YYYY-MM-DD (default: $IKAMET_TODAY, else today in the office time zone).", valueName: "date"))
    public var today: String?

    @Option(name: .long, help: ArgumentHelp("Who makes the changes, for the audit trail (default: $IKAMET_USER, else the login name).", valueName: "name"))
    public var user: String?

    public init() {}

    public func validate() throws {
        if let today {
            do { _ = try CivilDate.parse(today) } catch { throw ValidationError("--today: \(error.description)") }
        }
    }
}

/// A user mistake or refused operation: printed on stderr, exit code 1, no stack trace.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Everything a command needs: the store, the rules, today and who is acting.
struct Context {
    let store: OfficeStore
    let data: RuleData
    let parameters: RuleParameters
    let today: CivilDate
    let user: String
    let environment: [String: String]
    /// Today was pinned (`--today`, `IKAMET_TODAY`): it does not move on at midnight.
    var todayPinned: Bool {
        !(environment["IKAMET_TODAY"] ?? "").isEmpty || pinnedByOption
    }
    var pinnedByOption = false

    var deadlines: DeadlineEngine {
        DeadlineEngine(parameters: parameters, calendar: WorkingDayCalendar(table: data.holidays))
    }
    var eligibility: EligibilityEngine { EligibilityEngine(parameters: parameters.longTerm, deadlines: deadlines) }
    var validator: Validator { Validator(parameters: parameters) }
    var actor: Actor { Actor.now(user: user, timeZone: parameters.timeZone) }
    var agendaRules: AgendaRules { Context.agendaRules(parameters: parameters, data: data) }

    /// The rules the store keeps agenda snapshots with; the fingerprint changes with any parameter or holiday.
    static func agendaRules(parameters: RuleParameters, data: RuleData) -> AgendaRules {
        AgendaRules.make(parameters: parameters, holidays: data.holidays)
    }

    /// Opens the store and loads the rules for a command.
    /// `readOnly`: the command only reads (export, listings, log, check, backup): the store file is left untouched.
    /// `quiet`: the store's warnings were already printed by an earlier open in this command.
    static func open(_ options: GlobalOptions, readOnly: Bool = false, quiet: Bool = false,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Context {
        let data: RuleData
        do { data = try RuleData.loadDefault() } catch { throw CLIError(String(describing: error)) }
        let (path, isDefault) = storePath(options, environment: environment)
        let store: OfficeStore
        do { store = try OfficeStore.open(path: path, createFolder: isDefault, readOnly: readOnly) } catch { throw CLIError(String(describing: error)) }
        if !quiet { for warning in store.warnings { printError("warning: \(warning)") } }
        return try make(store: store, data: data, options: options, environment: environment)
    }

    static func make(store: OfficeStore, data: RuleData, options: GlobalOptions, environment: [String: String]) throws -> Context {
        let parameters: RuleParameters
        do { parameters = try store.parameters(base: data.parameters) } catch { throw CLIError(String(describing: error)) }
        let today = try resolveToday(options, environment: environment, timeZone: parameters.timeZone)
        store.configure(agenda: agendaRules(parameters: parameters, data: data))
        return Context(store: store, data: data, parameters: parameters, today: today,
                       user: resolveUser(options, environment: environment), environment: environment,
                       pinnedByOption: !(options.today ?? "").isEmpty)
    }

    /// The store path and whether it is the default location (whose folder may be created).
    static func storePath(_ options: GlobalOptions, environment: [String: String]) -> (String, Bool) {
        if let s = options.store, !s.isEmpty { return (expandTilde(s, environment), false) }
        if let s = environment["IKAMET_STORE"], !s.isEmpty { return (expandTilde(s, environment), false) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
        return ("\(base)/ikamet/office.sqlite", true)
    }

    static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1)
    }

    static func resolveToday(_ options: GlobalOptions, environment: [String: String], timeZone: String) throws -> CivilDate {
        for (source, text) in [("--today", options.today), ("IKAMET_TODAY", environment["IKAMET_TODAY"])] {
            guard let text, !text.isEmpty else { continue }
            do { return try CivilDate.parse(text) } catch { throw CLIError("\(source): \(error.description)") }
        }
        return OfficeClock(timeZoneIdentifier: timeZone).today()
    }

    static func resolveUser(_ options: GlobalOptions, environment: [String: String]) -> String {
        let candidates = [options.user, environment["IKAMET_USER"], environment["USER"], environment["LOGNAME"]]
        let name = candidates.compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "unknown"
        return TextSanitizer.clean(name)
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    OutputGate.line(text, to: .standardError)
}

/// Runs a command body, turning store and interchange errors into CLI errors.
func guarded(_ body: () throws -> Void) throws {
    do { try body() } catch let error as StoreError {
        throw CLIError(error.description)
    } catch let error as InterchangeError {
        throw CLIError(error.description)
    }
}

/// Text of a data field made safe for a terminal.
func safe(_ text: String?) -> String { TextSanitizer.clean(text ?? "") }
