import ArgumentParser
import Foundation
import IkametStore
import IkametText
import TerminalUI
import IkametLetters

/// `ikamet users add|list|remove`: the people who may log in to a PostgreSQL office store (decision 0034).
/// On a store file, people are OS accounts and the file's permissions are the gate (docs/deployment.md).
struct UsersCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "users", abstract: L("cli.users.abstract"), discussion: L("cli.users.discussion"),
                             subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersRemoveCommand.self],
                             defaultSubcommand: UsersListCommand.self)
    }

    /// The office server the options name, connected; a store file is refused with what to do instead.
    static func server(_ global: GlobalOptions) throws -> OfficeServer {
        switch Context.storeLocation(global, environment: ProcessInfo.processInfo.environment) {
        case .file(let path): throw CLIError(L("cli.users.file-store", ["path": path]))
        case .postgres(let address): return try OfficeServer(address)
        }
    }
}

/// A role as typed on the command line.
extension OfficeRole: ExpressibleByArgument {
    /// The role's name in the current language.
    var shown: String { L("cli.users.role." + rawValue) }
}

/// `ikamet users add NAME --role ROLE [--password-stdin]`
struct UsersAddCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "add", abstract: L("cli.users.add.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.users.name-help"))) var name: String
    @Option(name: .long, help: ArgumentHelp(L("cli.users.role-help"))) var role: OfficeRole
    @Flag(name: .long, help: ArgumentHelp(L("cli.users.password-stdin-help"))) var passwordStdin = false

    /// The longest password read (a line of standard input).
    static let maximumPasswordBytes = 1024

    func run() throws {
        try guarded {
            guard OfficeServer.isValidUserName(name) else { throw StoreError.badUserName(name) }
            let password = passwordStdin ? try readPassword() : nil
            let server = try UsersCommand.server(global)
            try server.addUser(name, role: role, password: password)
            OutputGate.line(L(password == nil ? "cli.users.added-peer" : "cli.users.added-password", ["name": name, "role": role.shown]))
        }
    }

    /// The first line of standard input, without its line end; never echoed, never printed.
    private func readPassword() throws -> String {
        let bytes: [UInt8]
        do { bytes = try BoundedRead.read(FileHandle.standardInput, limit: UsersAddCommand.maximumPasswordBytes) } catch {
            throw CLIError(L("cli.users.password-unreadable", ["limit": UsersAddCommand.maximumPasswordBytes]))
        }
        let line = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
        guard !trimmed.isEmpty, let text = String(validating: trimmed, as: UTF8.self), !text.contains("\0") else {
            throw CLIError(L("cli.users.password-empty"))
        }
        return text
    }
}

/// `ikamet users list [--format text|json]`
struct UsersListCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "list", abstract: L("cli.users.list.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.users.format-help")), transform: { try TextFormat.parse($0) })
    var format: TextFormat = .text

    private struct Row: Encodable {
        var name: String
        var role: String
        var canLogin: Bool
    }

    func run() throws {
        try guarded {
            let server = try UsersCommand.server(global)
            let users = try server.users()
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                OutputGate.json(try encoder.encode(users.map { Row(name: $0.name, role: $0.role.rawValue, canLogin: $0.canLogin) }))
            case .text:
                guard !users.isEmpty else { return OutputGate.line(L("cli.users.none")) }
                var table = TextTable(columns: [.init(title: L("cli.users.column.name"), width: 30),
                                                .init(title: L("cli.users.column.role"), width: 28),
                                                .init(title: L("cli.users.column.login"), width: 10)])
                for user in users {
                    table.add([user.name, user.role.shown, L(user.canLogin ? "cli.users.login-yes" : "cli.users.login-no")])
                }
                OutputGate.line(table.render())
                OutputGate.line(L("cli.users.you", ["login": server.login]))
            }
        }
    }
}

/// `ikamet users remove NAME`
struct UsersRemoveCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "remove", abstract: L("cli.users.remove.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.users.name-help"))) var name: String

    func run() throws {
        try guarded {
            let server = try UsersCommand.server(global)
            try server.removeUser(name)
            OutputGate.line(L("cli.users.removed", ["name": name]))
        }
    }
}
