import Foundation
import IkametTestSupport
import Testing
@testable import IkametCLI

// Parsing in-process (issue 3, "The CLI"): every subcommand, the global options
// after the subcommand name, validation errors and help text.

@Suite("CLI parsing")
struct CLIParsingTests {
    /// Parses `arguments` and expects a `T`.
    func parse<T>(_ arguments: [String], as type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        let command = try IkametCommand.parseAsRoot(arguments)
        return try #require(command as? T, "parsed as \(Swift.type(of: command))", sourceLocation: sourceLocation)
    }

    /// Expects parsing to fail with a message containing `fragment`.
    func expectFailure(_ arguments: [String], mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let command = try IkametCommand.parseAsRoot(arguments)
            Issue.record("parsed as \(type(of: command))", sourceLocation: sourceLocation)
        } catch {
            let message = IkametCommand.message(for: error)
            #expect(message.contains(fragment), "message: \(message)", sourceLocation: sourceLocation)
            #expect(IkametCommand.exitCode(for: error).rawValue != 0, sourceLocation: sourceLocation)
        }
    }

    // MARK: Global options

    @Test("deadlines takes the global options after its name")
    func deadlinesWithGlobals() throws {
        let c = try parse(["deadlines", "--store", "X", "--today", "2026-11-23", "--within", "10", "--format", "json"], as: DeadlinesCommand.self)
        #expect(c.global.store == "X")
        #expect(c.global.today == "2026-11-23")
        #expect(c.global.user == nil)
        #expect(c.within == 10)
        #expect(c.format == .json)
        #expect(c.attorney == nil)
    }

    @Test("deadlines defaults: 30 days, table, all attorneys")
    func deadlinesDefaults() throws {
        let c = try parse(["deadlines"], as: DeadlinesCommand.self)
        #expect(c.within == 30)
        #expect(c.format == .table)
        #expect(c.attorney == nil)
        #expect(c.global.store == nil && c.global.today == nil && c.global.user == nil)
        let e = try parse(["deadlines", "--attorney", "EK", "--user", "PL", "--format", "ics"], as: DeadlinesCommand.self)
        #expect(e.attorney == "EK")
        #expect(e.global.user == "PL")
        #expect(e.format == .ics)
    }

    @Test("no subcommand opens the TUI, with the global options too")
    func defaultIsTUI() throws {
        _ = try parse([], as: TUICommand.self)
        let c = try parse(["--store", "X", "--today", "2026-11-23", "--user", "PL"], as: TUICommand.self)
        #expect(c.global.store == "X")
        #expect(c.global.today == "2026-11-23")
        #expect(c.global.user == "PL")
        #expect(try parse(["tui", "--store", "Y"], as: TUICommand.self).global.store == "Y")
    }

    // MARK: Each subcommand

    @Test("import FILE")
    func importCommand() throws {
        let c = try parse(["import", "caseload.json", "--store", "s.sqlite", "--user", "PL"], as: ImportCommand.self)
        #expect(c.file == "caseload.json")
        #expect(c.global.store == "s.sqlite")
        #expect(c.global.user == "PL")
        expectFailure(["import"], mentioning: "Missing expected argument '<file>'")
    }

    @Test("export [--output FILE] [--client ID]")
    func exportCommand() throws {
        let all = try parse(["export"], as: ExportCommand.self)
        #expect(all.output == nil && all.client == nil)
        let one = try parse(["export", "--output", "out.json", "--client", "2026-0001", "--store", "X"], as: ExportCommand.self)
        #expect(one.output == "out.json")
        #expect(one.client == "2026-0001")
        #expect(one.global.store == "X")
    }

    @Test("eligibility CLIENT --on --trip… --format")
    func eligibilityCommand() throws {
        let c = try parse(["eligibility", "2026-0001", "--on", "2027-01-01", "--trip", "2027-01-10:2027-02-01",
                           "--trip", "2027-03-01:", "--format", "json", "--today", "2026-11-23"], as: EligibilityCommand.self)
        #expect(c.client == "2026-0001")
        #expect(c.on == "2027-01-01")
        #expect(c.trip == ["2027-01-10:2027-02-01", "2027-03-01:"])
        #expect(c.format == .json)
        #expect(c.global.today == "2026-11-23")
        let trips = try c.trip.map(c.parseTrip)
        #expect(trips.map { $0.exit.iso } == ["2027-01-10", "2027-03-01"])
        #expect(trips.map { $0.entry?.iso } == ["2027-02-01", nil])
        #expect(try parse(["eligibility", "2026-0001"], as: EligibilityCommand.self).format == .text)

        expectFailure(["eligibility", "2026-0001", "--on", "2027-02-30"], mentioning: "--on: '2027-02-30' is not a valid date")
        expectFailure(["eligibility", "2026-0001", "--trip", "2027-02-01:2027-01-10"], mentioning: "re-entry is before exit")
        expectFailure(["eligibility", "2026-0001", "--trip", "2027-02-01"], mentioning: "expected EXIT:ENTRY")
        expectFailure(["eligibility", "2026-0001", "--format", "csv"], mentioning: "--format must be text or json")
    }

    @Test("clients --filter --attorney --format, and client ID")
    func clientsAndClient() throws {
        let list = try parse(["clients", "--filter", "ışık", "--attorney", "EK", "--format", "csv", "--store", "X"], as: ClientsCommand.self)
        #expect(list.filter == "ışık")
        #expect(list.attorney == "EK")
        #expect(list.format == .csv)
        #expect(list.global.store == "X")
        expectFailure(["clients", "--format", "ics"], mentioning: "--format must be table, json or csv")

        let one = try parse(["client", "2026-0001", "--format", "json", "--today", "2026-11-23"], as: ClientCommand.self)
        #expect(one.id == "2026-0001")
        #expect(one.format == .json)
        #expect(one.global.today == "2026-11-23")
        expectFailure(["client", "2026-0001", "--format", "csv"], mentioning: "--format must be text or json")
    }

    @Test("checklist CLIENT APP --set --note --add")
    func checklistCommand() throws {
        let c = try parse(["checklist", "2026-0001", "A1", "--set", "photos=received", "--set", "passport-notarized-copy=certified",
                           "--note", "photos=taken 2026-11-20", "--add", "extra-letter", "--user", "PL"], as: ChecklistCommand.self)
        #expect(c.client == "2026-0001")
        #expect(c.application == "A1")
        #expect(c.set == ["photos=received", "passport-notarized-copy=certified"])
        #expect(c.note == ["photos=taken 2026-11-20"])
        #expect(c.add == ["extra-letter"])
        #expect(c.global.user == "PL")
        let show = try parse(["checklist", "2026-0001", "A1"], as: ChecklistCommand.self)
        #expect(show.set.isEmpty && show.note.isEmpty && show.add.isEmpty)

        expectFailure(["checklist", "2026-0001", "A1", "--set", "photos=lost"], mentioning: "'lost' is not a state")
        expectFailure(["checklist", "2026-0001", "A1", "--set", "photos"], mentioning: "expected ITEM=VALUE")
        expectFailure(["checklist", "2026-0001", "A1", "--note", "=why"], mentioning: "expected ITEM=VALUE")
    }

    @Test("log --client --limit --format")
    func logCommand() throws {
        let c = try parse(["log", "--client", "2026-0001", "--limit", "5", "--format", "json", "--store", "X"], as: LogCommand.self)
        #expect(c.client == "2026-0001")
        #expect(c.limit == 5)
        #expect(c.format == .json)
        #expect(try parse(["log"], as: LogCommand.self).limit == 200)
        expectFailure(["log", "--limit", "0"], mentioning: "--limit must be positive")
        expectFailure(["log", "--format", "csv"], mentioning: "--format must be table or json")
    }

    @Test("backup DEST, restore BACKUP --yes, check")
    func officeCommands() throws {
        let b = try parse(["backup", "/tmp/b.sqlite", "--store", "X"], as: BackupCommand.self)
        #expect(b.destination == "/tmp/b.sqlite")
        #expect(b.global.store == "X")
        expectFailure(["backup"], mentioning: "Missing expected argument")

        let r = try parse(["restore", "/tmp/b.sqlite", "--yes", "--store", "X"], as: RestoreCommand.self)
        #expect(r.backup == "/tmp/b.sqlite")
        #expect(r.yes)
        #expect(try parse(["restore", "/tmp/b.sqlite"], as: RestoreCommand.self).yes == false)

        #expect(try parse(["check", "--store", "X", "--today", "2026-11-23"], as: CheckCommand.self).global.store == "X")
    }

    @Test("settings [KEY VALUE | KEY --unset]")
    func settingsCommand() throws {
        let show = try parse(["settings", "--store", "X"], as: SettingsCommand.self)
        #expect(show.key == nil && show.value == nil && !show.unset)
        let set = try parse(["settings", "rules.deadlines.mailingUnit", "calendar-days", "--user", "PL"], as: SettingsCommand.self)
        #expect(set.key == "rules.deadlines.mailingUnit")
        #expect(set.value == "calendar-days")
        #expect(set.global.user == "PL")
        let unset = try parse(["settings", "rules.deadlines.mailingUnit", "--unset"], as: SettingsCommand.self)
        #expect(unset.unset && unset.value == nil)
        expectFailure(["settings", "rules.deadlines.mailingUnit"], mentioning: "give a value for rules.deadlines.mailingUnit, or --unset")
        expectFailure(["settings", "rules.deadlines.mailingUnit", "x", "--unset"], mentioning: "--unset takes no value")
    }

    @Test("demo and demo --generate")
    func demoCommand() throws {
        let plain = try parse(["demo", "--today", "2026-11-23"], as: DemoCommand.self)
        #expect(plain.generate == nil && plain.output == nil && plain.keep == nil)
        let g = try parse(["demo", "--generate", "100", "--seed", "7", "--output", "big.json"], as: DemoCommand.self)
        #expect(g.generate == 100)
        #expect(g.seed == 7)
        #expect(g.output == "big.json")
        expectFailure(["demo", "--generate", "5"], mentioning: "--generate needs --output FILE")
        expectFailure(["demo", "--generate", "0", "--output", "x.json"], mentioning: "--generate needs a positive number")
        expectFailure(["demo", "--output", "x.json"], mentioning: "--output goes with --generate")
        expectFailure(["demo", "--store", "office.sqlite"], mentioning: "the demo never uses an office store")
    }

    // MARK: Errors

    @Test("an impossible --today is refused", arguments: ["2026-02-30", "2026-13-01", "23.11.26", "tomorrow"])
    func badToday(_ value: String) {
        expectFailure(["deadlines", "--today", value], mentioning: "--today: '\(value)' is not a valid date")
    }

    @Test("an unknown --format is refused")
    func badFormat() {
        expectFailure(["deadlines", "--format", "xml"], mentioning: "--format must be table, json, csv or ics")
        expectFailure(["deadlines", "--within=-1"], mentioning: "--within must be 0 or more days")
        expectFailure(["deadlines", "--within", "ten"], mentioning: "--within")
    }

    @Test("unknown subcommands and options are refused")
    func unknown() {
        expectFailure(["deadlines", "--colour"], mentioning: "--colour")
        expectFailure(["frobnicate"], mentioning: "frobnicate")
    }

    // MARK: Help

    @Test("deadlines help lists its options and the global ones")
    func deadlinesHelp() {
        let help = IkametCommand.helpMessage(for: DeadlinesCommand.self)
        for fragment in ["USAGE: ikamet deadlines", "--store <path>", "--today <date>", "--user <name>",
                         "--within <days>", "Horizon in days (default 30).", "--attorney <attorney>",
                         "--format <format>", "table, json, csv or ics.", "-h, --help"] {
            #expect(help.contains(fragment), "missing \(fragment)")
        }
    }

    @Test("the root help lists every subcommand")
    func rootHelp() {
        let help = IkametCommand.helpMessage()
        for name in ["tui", "import", "export", "deadlines", "eligibility", "clients", "client", "checklist", "log",
                     "backup", "restore", "check", "demo", "settings"] {
            #expect(help.contains("  \(name) "), "missing \(name)")
        }
    }
}

@Suite("Global options before the command name")
struct GlobalOptionOrderTests {
    @Test("--lang, --store, --today and --user before the command are moved after it; help drops --lang (already bound)")
    func reorder() {
        #expect(IkametCommand.globalOptionsAfterCommand(["--lang", "tr", "deadlines", "--format", "table"])
                == ["deadlines", "--lang", "tr", "--format", "table"])
        #expect(IkametCommand.globalOptionsAfterCommand(["--lang=tr", "--store", "o.sqlite", "clients"])
                == ["clients", "--lang=tr", "--store", "o.sqlite"])
        #expect(IkametCommand.globalOptionsAfterCommand(["deadlines", "--lang", "tr"]) == ["deadlines", "--lang", "tr"])
        #expect(IkametCommand.globalOptionsAfterCommand(["--lang", "tr", "--help"]) == ["--help"])
        #expect(IkametCommand.globalOptionsAfterCommand(["help", "deadlines", "--lang", "tr"]) == ["help", "deadlines"])
        #expect(IkametCommand.globalOptionsAfterCommand(["--store", "o.sqlite"]) == ["--store", "o.sqlite"])
    }
}
