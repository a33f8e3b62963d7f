import ArgumentParser
import Foundation
import IkametCore
import IkametLetters
import IkametStore
import IkametText
import TerminalUI

/// `ikamet digest --format`.
enum DigestFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case text, html
    static let invalidKey = "cli.digest.format-invalid"
}

/// `ikamet digest [--attorney X] [--within DAYS] [--format text|html] [--mail ADDRESS]`: each attorney's morning list.
struct DigestCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "digest", abstract: L("cli.digest.abstract"), discussion: L("cli.digest.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.deadlines.attorney-help"))) var attorney: String?
    @Option(name: .customLong("within"), help: ArgumentHelp(L("cli.digest.within-help"), valueName: "days")) var withinOption: Int?
    var within: Int { withinOption ?? 7 }
    @Option(name: .long, help: ArgumentHelp(L("cli.digest.format-help")), transform: { try DigestFormat.parse($0) })
    var format: DigestFormat = .text
    @Option(name: .long, help: ArgumentHelp(L("cli.digest.mail-help"), valueName: "address")) var mail: String?

    func validate() throws {
        guard within >= 0, within <= 366 else { throw ValidationError(L("cli.digest.within-invalid")) }
        if let mail { guard Mail.isAddress(mail) else { throw ValidationError(L("cli.digest.mail-invalid", ["address": mail])) } }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.openForAgenda(global)
            if let attorney { try ctx.checkAttorney(attorney) }
            let digest = try Self.digest(ctx, within: within, attorney: attorney)
            let cat = Catalog.current
            let body = format == .html ? DigestRendering.html(digest, cat) : DigestRendering.text(digest, cat)
            guard let mail else { OutputGate.text(body); return }
            guard let sendmail = Mail.sendmail() else { throw CLIError(L("cli.digest.no-sendmail")) }
            let message = Mail.message(to: mail, subject: DigestRendering.subject(digest, cat), body: body, html: format == .html)
            do { try Mail.send(message, with: sendmail) } catch let Mail.Failure.exit(status, detail) {
                throw CLIError(L("cli.digest.sendmail-failed", ["status": Int(status), "detail": safe(detail)]))
            }
            // Quiet when run from cron (no terminal): a successful run mails nothing of its own.
            if isatty(2) == 1 { printError(L("cli.digest.mailed", ["address": mail])) }
        }
    }

    /// The digest of the store on `ctx.today`: the agenda's deadline items up to `within` days ahead (overdue ones
    /// included), with what was not on yesterday's list or belongs to a file changed since yesterday marked new.
    static func digest(_ ctx: Context, within: Int, attorney: String?) throws -> Digest {
        let today = ctx.today, yesterday = today.adding(days: -1), engine = ctx.deadlines
        let entries = try agendaDeadlines(ctx, within: within, attorney: attorney)
        let changed = try ctx.store.clientsChanged(since: yesterday)
        // Yesterday's list, computed from the files as they are, for the clients on today's list.
        var before: [String: Set<String>] = [:]
        for id in Set(entries.map(\.item.clientId)) {
            guard let c = try ctx.store.client(id)?.client else { continue }
            let supporter = try ctx.store.supporterFacts(for: c, today: yesterday, engine: engine)
            before[id] = Set(engine.items(for: c, today: yesterday, supporter: supporter)
                .filter { $0.date <= yesterday.adding(days: within) }.map(Digest.key(of:)))
        }
        let items = entries.map { e in
            (attorney: e.attorney, item: DigestItem(clientId: e.item.clientId, name: e.name, item: e.item, changedBy: changed[e.item.clientId]))
        }
        let attorneys = try ctx.store.attorneys().map { (initials: $0.initials, name: $0.name) }
        return Digest.make(today: today, within: within, items: items, yesterday: before, attorneys: attorneys, fold: AttorneyMatch.fold)
    }
}

/// Handing a message to the system's mail transfer agent (`sendmail -t`); nothing else is sent anywhere.
enum Mail {
    enum Failure: Error { case exit(Int32, String) }

    /// A plain address (`name@host`), with nothing a mail header could be split on.
    static func isAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && s.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !"<>(),;:\\\"[]".unicodeScalars.contains($0)
        }
    }

    /// `sendmail` on the PATH, else where Debian's MTAs put it.
    static func sendmail(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ExternalTool.find(["sendmail"], extraDirectories: ["/usr/sbin", "/usr/lib"], environment: environment)  // lint:allow-literal where MTAs live
    }

    /// An RFC 5322 message in UTF-8: the subject encoded (RFC 2047), the body as 8-bit text or HTML.
    static func message(to address: String, subject: String, body: String, html: Bool) -> String {
        // RFC 2047: encoded-words of at most 75 characters (about 42 bytes of text each), folded onto new lines.
        var words: [String] = [], chunk = ""
        for ch in subject {
            if chunk.utf8.count + String(ch).utf8.count > 42 { words.append(chunk); chunk = "" }
            chunk.append(ch)
        }
        if !chunk.isEmpty { words.append(chunk) }
        let encodedSubject = words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\n ")
        return ["To: " + address, "Subject: " + encodedSubject, "MIME-Version: 1.0",  // lint:allow-literal mail protocol, not words
                "Content-Type: text/" + (html ? "html" : "plain") + "; charset=utf-8", "Content-Transfer-Encoding: 8bit",  // lint:allow-literal mail protocol, not words
                "Auto-Submitted: auto-generated", "", body].joined(separator: "\n")  // lint:allow-literal mail protocol, not words
    }

    static func send(_ message: String, with sendmail: String) throws {
        let (status, detail) = try ExternalTool.run(sendmail, ["-t", "-oi"], input: Data(message.utf8))
        guard status == 0 else { throw Failure.exit(status, detail) }
    }
}
