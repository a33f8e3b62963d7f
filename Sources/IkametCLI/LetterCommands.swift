import ArgumentParser
import Foundation
import IkametCore
import IkametLetters
import IkametStore
import IkametText
import TerminalUI

/// `ikamet letter --format`.
enum LetterFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case text, html, pdf
    static let invalidKey = "cli.letter.format-invalid"
}

/// `ikamet letter documents|cover`: letters of an application.
struct LetterCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "letter", abstract: L("cli.letter.abstract"), discussion: L("cli.letter.discussion"),
                             subcommands: [LetterDocumentsCommand.self, LetterCoverCommand.self])
    }
}

/// The options every letter takes.
struct LetterOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String
    @Argument(help: ArgumentHelp(L("cli.checklist.application-help"))) var application: String
    @Option(name: .long, help: ArgumentHelp(L("cli.letter.format-help")), transform: { try LetterFormat.parse($0) })
    var format: LetterFormat = .text
    @Option(name: .long, help: ArgumentHelp(L("cli.letter.output-help"), valueName: "file")) var output: String?
    @Flag(name: .long, help: ArgumentHelp(L("cli.export.force-help"))) var force = false

    /// Composes the letter and writes it where asked (standard output, or a file readable by its owner only).
    func write(_ kind: LetterKind, catalog: Catalog) throws {
        if let output, !force, FileManager.default.fileExists(atPath: output) { throw CLIError(L("cli.export.exists", ["file": output])) }
        // A PDF is bytes no terminal should receive raw: it goes to a file.
        if format == .pdf, output == nil, isatty(1) == 1 { throw CLIError(L("cli.letter.pdf-to-terminal")) }
        let ctx = try Context.open(global, readOnly: true)
        let facts = try LetterFacts.load(store: ctx.store, client: client, application: application, templates: ctx.data.checklists,
                                         deadlines: ctx.deadlines, today: ctx.today)
        let letter: Letter
        do throws(LetterError) { letter = try Letters.compose(kind, facts, catalog: catalog.with(dateStyle: ctx.officeDateStyle ?? catalog.dateStyle)) } catch {
            throw CLIError(say(error.message))
        }
        let data: Data
        switch format {
        case .text: data = Data(TextLetter.render(letter).utf8)
        case .html: data = Data(HTMLLetter.render(letter).utf8)
        case .pdf:
            do { data = try LetterFiles.pdf(fromHTML: HTMLLetter.render(letter)) } catch LetterFiles.PDFError.noConverter {
                throw CLIError(L("cli.letter.no-converter", ["tools": LetterFiles.converters.joined(separator: ", ")]))
            } catch let LetterFiles.PDFError.failed(tool, status, detail) {
                throw CLIError(L("cli.letter.converter-failed", ["tool": tool, "status": Int(status), "detail": safe(detail)]))
            }
        }
        // A cover letter lists only what is ready: the rest is said, so the file is not posted incomplete.
        if kind == .cover {
            let missing = Letters.notReady(facts, catalog: Catalog.current)
            if !missing.isEmpty {
                printError(L("cli.common.warning", ["message": L("cli.letter.not-ready", ["count": missing.count, "list": missing.map(safe).joined(separator: "; ")])]))
            }
        }
        if let output {
            do { try LetterFiles.writeOwnerOnly(data, to: output) } catch {
                throw CLIError(L("cli.common.cannot-write", ["path": output, "detail": error.localizedDescription]))
            }
            printError(L("cli.letter.written", ["path": output]))
        } else if format == .pdf {
            guard OutputGate.binaryDocument(data) else { throw CLIError(L("cli.letter.pdf-to-terminal")) }
        } else {
            OutputGate.text(String(decoding: data, as: UTF8.self))
        }
    }
}

/// `ikamet letter documents CLIENT APP [--lang tr|en]`: the documents still needed, addressed to the client.
struct LetterDocumentsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "documents", abstract: L("cli.letter.documents.abstract"))
    }
    @OptionGroup var options: LetterOptions

    func run() throws {
        try guarded { try options.write(.documents, catalog: Catalog.current) }
    }
}

/// `ikamet letter cover CLIENT APP`: the cover letter (dilekçe) of an extension file, in Turkish.
struct LetterCoverCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "cover", abstract: L("cli.letter.cover.abstract"))
    }
    @OptionGroup var options: LetterOptions

    func run() throws {
        try guarded { try options.write(.cover, catalog: Catalog.named("tr") ?? Catalog.current) }
    }
}
