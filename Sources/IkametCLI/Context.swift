import ArgumentParser
import Foundation
import IkametCore
import IkametInterchange
import TerminalUI
import IkametData
import IkametStore
import IkametText

/// Options every command accepts (after its name), and the TUI too.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L("cli.global.store-help"), valueName: "path"))
    public var store: String?

    @Option(name: .long, help: ArgumentHelp(L("cli.global.today-help"), valueName: "date"))
    public var today: String?

    @Option(name: .long, help: ArgumentHelp(L("cli.global.user-help"), valueName: "name"))
    public var user: String?

    /// The language of the output (`runMain` reads it before parsing; see `Language`).
    @Option(name: .long, help: ArgumentHelp(L("cli.global.lang-help", ["codes": Catalog.available.joined(separator: ", ")]), valueName: "code"))
    public var lang: String?

    public init() {}

    public func validate() throws {
        if let today {
            do { _ = try CivilDate.parse(today) } catch { throw ValidationError(optionProblem("--today", dateProblem(error))) }
        }
        if let lang, !lang.isEmpty, Catalog.named(lang) == nil {
            throw ValidationError(Language.unknownMessage(lang, source: .option))
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
        !(environment["IKAMET_TODAY"] ?? "").isEmpty || pinnedByOption  // lint:allow-literal environment variable names and paths
    }
    var pinnedByOption = false

    var deadlines: DeadlineEngine {
        DeadlineEngine(parameters: parameters, calendar: WorkingDayCalendar(table: data.holidays))
    }
    var eligibility: EligibilityEngine { EligibilityEngine(parameters: parameters.longTerm, deadlines: deadlines) }
    var validator: Validator { Validator(parameters: parameters) }
    var actor: Actor { Actor.now(user: user, timeZone: parameters.timeZone) }
    var agendaRules: AgendaRules { Context.agendaRules(parameters: parameters, data: data) }
    /// The date style the office chose (setting `dateFormat`), nil for the language's own.
    var officeDateStyle: Catalog.DateStyle? { (try? store.settingRows()).flatMap(Language.officeDateStyle) }

    /// Refuses initials that name no attorney of the office (the settings' or any client's), listing the known
    /// ones: an unknown attorney is a typing mistake, not an empty agenda. Initials match without regard to case.
    func checkAttorney(_ given: String) throws {
        let known = try store.knownAttorneys()
        guard !known.contains(where: { AttorneyMatch.same($0, given) }) else { return }
        throw CLIError(known.isEmpty ? L("cli.common.attorney-unknown-none", ["attorney": given])
                                     : L("cli.common.attorney-unknown", ["attorney": given, "known": known.joined(separator: ", ")]))
    }

    /// The rules the store keeps agenda snapshots with; the fingerprint changes with any parameter or holiday.
    static func agendaRules(parameters: RuleParameters, data: RuleData) -> AgendaRules {
        AgendaRules.make(parameters: parameters, holidays: data.holidays)
    }

    /// Opens the store and loads the rules for a command.
    /// `readOnly`: the command only reads (export, listings, log, check, backup): the store file is left untouched.
    /// `quiet`: the store's warnings were already printed by an earlier open in this command.
    /// `creating`: the command may create a store that does not exist (`init`, `import`, `restore`, the TUI's first
    /// start on the default location), and says so; every other command refuses a missing store, creating nothing,
    /// so that a mistyped `--store` is never read as an empty office (decision 0027).
    /// The store for a command that reads the agenda: read-only, unless the agenda snapshots must be refreshed for
    /// today; then writable, so that the refreshed snapshots serve the next reader (an up-to-date store is left byte
    /// for byte).
    static func openForAgenda(_ options: GlobalOptions) throws -> Context {
        let ctx = try open(options, readOnly: true)
        return try ctx.store.agendaNeedsRefresh(today: ctx.today, rules: ctx.agendaRules) ? open(options, quiet: true) : ctx
    }

    static func open(_ options: GlobalOptions, readOnly: Bool = false, quiet: Bool = false, creating: Bool = false,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Context {
        let data: RuleData
        do { data = try RuleData.loadDefault() } catch { throw CLIError(errorText(error)) }
        let (path, isDefault) = storePath(options, environment: environment)
        if case .postgres(let address) = StoreLocation.parse(path) {
            // The office server: created by `ikamet init` only, never by another command.
            let store: OfficeStore
            do { store = try OfficeStore.open(server: address) } catch { throw CLIError(errorText(error)) }
            if let rows = try? store.settingRows() {
                Language.apply(settings: rows, options: options, environment: environment, quiet: quiet)
            }
            return try make(store: store, data: data, options: options, environment: environment)
        }
        let exists = FileManager.default.fileExists(atPath: path)
        // A store in a folder this account may not enter looks missing to fileExists: say what it is
        // (an account outside the office group, docs/deployment.md), never "does not exist".
        var info = stat()
        if !exists, stat(path, &info) != 0, errno == EACCES {
            throw CLIError(errorText(StoreError.access(path: path, detail: Message("store.access.folder-denied"))))
        }
        guard exists || creating else { throw CLIError(L("cli.common.store-missing", ["path": path])) }
        let store: OfficeStore
        do { store = try OfficeStore.open(path: path, createFolder: isDefault, readOnly: readOnly) } catch { throw CLIError(errorText(error)) }
        // The office's language and date format apply from here on (the store's warnings included).
        if let rows = try? store.settingRows() {
            Language.apply(settings: rows, options: options, environment: environment, quiet: quiet)
        }
        if !quiet { for warning in store.warnings { printError(L("cli.common.warning-lower", ["message": say(warning)])) } }
        if !exists { printError(L("cli.common.store-created", ["path": path])) }
        return try make(store: store, data: data, options: options, environment: environment)
    }

    /// The context on an open store. Applies the office's `language` and `dateFormat` settings again
    /// (`ikamet settings` calls it after changing one).
    static func make(store: OfficeStore, data: RuleData, options: GlobalOptions, environment: [String: String]) throws -> Context {
        if let rows = try? store.settingRows() {
            Language.apply(settings: rows, options: options, environment: environment, quiet: true)
        }
        let parameters: RuleParameters
        do { parameters = try store.parameters(base: data.parameters) } catch { throw CLIError(errorText(error)) }
        let today = try resolveToday(options, environment: environment, timeZone: parameters.timeZone)
        store.configure(agenda: agendaRules(parameters: parameters, data: data))
        // On the office server the audit trail records the login, whatever --user or IKAMET_USER say.
        var user = resolveUser(options, environment: environment)
        if let login = store.serverLogin {
            if let asked = options.user, !asked.isEmpty, asked != login {
                printError(L("cli.common.warning-lower", ["message": L("cli.common.user-is-login", ["user": asked, "login": login])]))
            }
            user = login
        }
        return Context(store: store, data: data, parameters: parameters, today: today,
                       user: user, environment: environment,
                       pinnedByOption: !(options.today ?? "").isEmpty)
    }

    /// The store path and whether it is the default location (whose folder may be created).
    static func storePath(_ options: GlobalOptions, environment: [String: String]) -> (String, Bool) {
        if let s = options.store, !s.isEmpty { return (expandTilde(s, environment), false) }
        if let s = environment["IKAMET_STORE"], !s.isEmpty { return (expandTilde(s, environment), false) }  // lint:allow-literal environment variable names and paths
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"  // lint:allow-literal environment variable names and paths
        return ("\(base)/ikamet/office.sqlite", true)  // lint:allow-literal environment variable names and paths
    }

    /// The store the options name: a file (the default) or an office server's URL (`postgresql://…`).
    static func storeLocation(_ options: GlobalOptions, environment: [String: String]) -> StoreLocation {
        StoreLocation.parse(storePath(options, environment: environment).0)
    }

    static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst(1)
    }

    static func resolveToday(_ options: GlobalOptions, environment: [String: String], timeZone: String) throws -> CivilDate {
        for (source, text) in [("--today", options.today), ("IKAMET_TODAY", environment["IKAMET_TODAY"])] {  // lint:allow-literal environment variable names and paths
            guard let text, !text.isEmpty else { continue }
            do { return try CivilDate.parse(text) } catch { throw CLIError(optionProblem(source, dateProblem(error))) }
        }
        return OfficeClock(timeZoneIdentifier: timeZone).today()
    }

    /// Who the audit trail names on a store file: `--user`, `IKAMET_USER`, the login's name from the environment,
    /// else the account the process runs as (a job started without `USER`, by cron or a service manager).
    static func resolveUser(_ options: GlobalOptions, environment: [String: String]) -> String {
        let candidates = [options.user, environment["IKAMET_USER"], environment["USER"], environment["LOGNAME"], accountName()]  // lint:allow-literal environment variable names and paths
        let name = candidates.compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "unknown"
        return TextSanitizer.clean(name)
    }

    /// The name of the account the process runs as (the password database's), or nil.
    static func accountName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    OutputGate.line(text, to: .standardError)
}

/// Runs a command body, turning store, data and interchange errors into CLI errors in the current language.
func guarded(_ body: () throws -> Void) throws {
    do { try body() } catch let error as StoreError {
        throw CLIError(errorText(error))
    } catch let error as InterchangeError {
        throw CLIError(errorText(error))
    } catch let error as DataFileError {
        throw CLIError(errorText(error))
    } catch let error as DateParseError {
        throw CLIError(errorText(error))
    }
}

/// Text of a data field made safe for a terminal.
func safe(_ text: String?) -> String { TextSanitizer.clean(text ?? "") }
