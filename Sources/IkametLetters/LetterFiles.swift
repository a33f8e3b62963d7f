import Foundation
import IkametCore
import IkametStore

extension LetterFacts {
    /// The facts of a letter as the store holds them: the client, the application, the office's
    /// name and contact and the attorney's name (settings). Throws the store's `clientNotFound` or
    /// `applicationNotFound`.
    public static func load(store: OfficeStore, client id: String, application appId: String, templates: ChecklistTemplates,
                            deadlines: DeadlineEngine, today: CivilDate) throws -> LetterFacts {
        guard let client = try store.client(id)?.client else { throw StoreError.clientNotFound(id) }
        guard let app = client.applications.first(where: { $0.id == appId }) else {
            throw StoreError.applicationNotFound(client: id, application: appId)
        }
        let office = try store.officeContact()
        let attorney = try client.attorney.flatMap { initials in
            try store.attorneys().first { AttorneyMatch.same($0.initials, initials) }?.name
        }
        return LetterFacts(client: client, application: app, office: office, attorneyName: attorney, templates: templates,
                           deadlines: deadlines, today: today)
    }
}

/// Writing letters to files, and turning a letter's page into PDF.
public enum LetterFiles {
    /// Writes a file readable by its owner only (a letter holds client data), replacing it atomically.
    public static func writeOwnerOnly(_ data: Data, to path: String) throws {
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The file name of a letter: `<client>-<application>-<kind>[-<lang>].<ext>`, with any character
    /// other than letters, digits, `-` and `_` replaced by `_`.
    public static func fileName(client: String, application: String, kind: LetterKind, language: String?, ext: String) -> String {
        let raw = [client, application, kind.rawValue, language].compactMap { $0 }.joined(separator: "-")
        let safe = String(raw.unicodeScalars.map { s -> Character in
            (s.properties.isAlphabetic && s.isASCII) || ("0"..."9").contains(s) || s == "-" || s == "_" ? Character(s) : "_"
        })
        return safe + "." + ext
    }

    /// `directory/name`, or `directory/stem-2.ext`, `-3` … when that file exists: a letter never replaces another.
    public static func unusedPath(directory: String, name: String) -> String {
        let base = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: base) else { return base }
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var n = 2
        while FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("\(stem)-\(n).\(ext)")) { n += 1 }
        return (directory as NSString).appendingPathComponent("\(stem)-\(n).\(ext)")
    }

    /// The PDF converters tried, in order (from Debian's packages).
    public static let converters = ["weasyprint", "wkhtmltopdf"]

    /// Why a PDF could not be made.
    public enum PDFError: Error, Equatable {
        /// No converter on the PATH.
        case noConverter
        /// The converter failed: its name, exit status and the end of what it printed.
        case failed(tool: String, status: Int32, detail: String)
    }

    /// The first converter found on `PATH`.
    public static func converter(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        ExternalTool.find(converters, environment: environment)
    }

    /// The page as PDF, made by weasyprint (or wkhtmltopdf) in a private temporary folder that is removed afterwards.
    public static func pdf(fromHTML html: String) throws -> Data {
        guard let tool = converter() else { throw PDFError.noConverter }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-letter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("letter.html"), output = dir.appendingPathComponent("letter.pdf")
        try writeOwnerOnly(Data(html.utf8), to: input.path)
        let arguments = tool.hasSuffix("weasyprint") ? ["--quiet", input.path, output.path] : ["--quiet", "--encoding", "utf-8", input.path, output.path]
        let (status, detail) = try ExternalTool.run(tool, arguments)
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw PDFError.failed(tool: (tool as NSString).lastPathComponent, status: status, detail: detail)
        }
        return data
    }
}
