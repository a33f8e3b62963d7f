import Foundation
import IkametCore

extension Catalog {
    /// The catalogs built into the binary, parsed on first use each (a command in English
    /// never parses the Turkish catalog), by language code.
    static let loaded = CatalogCache()

    /// Every built-in catalog, by language code (parses them all: tests and the language list).
    public static var builtIn: [String: Catalog] {
        Dictionary(uniqueKeysWithValues: available.compactMap { code in named(code).map { (code, $0) } })
    }

    /// The codes of the available languages, sorted (`en`, `tr`, …).
    public static var available: [String] { EmbeddedCatalogs.files.keys.sorted() }

    /// English, the default.
    public static var english: Catalog { loaded.catalog("en") ?? .empty }

    /// The catalog of `code` (nil: no such language).
    public static func named(_ code: String) -> Catalog? { loaded.catalog(code.lowercased()) }

    static let empty = Catalog(code: "en", name: "English", dateStyle: .iso, templates: [:], listSeparator: ", ",
                               alphabet: [:], upper: [:], lower: [:], fallback: nil)

    /// The session of the current task: `using` binds one; the CLI binds one per
    /// invocation, the TUI one per run (its runtime follows the state's language).
    @TaskLocal static var session: CatalogSession?

    /// The catalog in force for the current task (English when none is bound).
    public static var current: Catalog { session?.catalog ?? .english }

    /// Runs `body` with `catalog` as the current catalog (for this task and the tasks it starts).
    public static func using<R>(_ catalog: Catalog, _ body: () throws -> R) rethrows -> R {
        try $session.withValue(CatalogSession(catalog)) { try body() }
    }

    /// Runs async `body` with `catalog` as the current catalog.
    public static func using<R>(_ catalog: Catalog, _ body: () async throws -> R) async rethrows -> R {
        try await $session.withValue(CatalogSession(catalog)) { try await body() }
    }

    /// Changes the current catalog for the rest of the bound session (the language
    /// became known later, e.g. from the office setting). No effect outside `using`.
    public static func switchCurrent(to catalog: Catalog) { session?.catalog = catalog }
}

/// The catalog of one CLI invocation or TUI run; it may change once the office setting is read.
final class CatalogSession: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Catalog
    init(_ c: Catalog) { value = c }
    var catalog: Catalog {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}

/// The sentence for `key` in the current language (`Catalog.current`).
public func L(_ key: String, _ args: [String: any MessageArgConvertible] = [:]) -> String {
    Catalog.current(key, args)
}

/// A message rendered in the current language.
public func L(_ m: Message) -> String { Catalog.current.render(m) }

/// Which language to use, and why: the first of the `--lang` option, `IKAMET_LANG`,
/// the office setting `language`, the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
public struct LanguageChoice: Sendable, Equatable {
    public enum Source: String, Sendable { case option, environment, setting, locale, standard }
    public let code: String
    public let source: Source

    /// A language code that names no catalog, and where it came from.
    public struct Unknown: Error, Sendable, Equatable {
        public let value: String
        public let source: Source
    }

    /// Resolves the language. An unknown code given explicitly (option, IKAMET_LANG, setting) is an error;
    /// a locale without a catalog falls back to English.
    public static func resolve(option: String?, environment: [String: String], setting: String?) throws(Unknown) -> LanguageChoice {
        func explicit(_ value: String?, _ source: Source) throws(Unknown) -> LanguageChoice? {
            guard let value, !value.isEmpty else { return nil }
            guard Catalog.named(value) != nil else { throw Unknown(value: value, source: source) }
            return LanguageChoice(code: value.lowercased(), source: source)
        }
        if let c = try explicit(option, .option) { return c }
        if let c = try explicit(environment["IKAMET_LANG"], .environment) { return c }
        if let c = try explicit(setting, .setting) { return c }
        // POSIX order: LC_ALL wins over LC_MESSAGES over LANG.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let code = String(value.prefix { $0.isLetter }).lowercased()
            return LanguageChoice(code: Catalog.named(code) != nil ? code : "en", source: .locale)
        }
        return LanguageChoice(code: "en", source: .standard)
    }
}

/// The parsed built-in catalogs, each parsed once, when first asked for.
final class CatalogCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: Catalog] = [:]

    func catalog(_ code: String) -> Catalog? {
        lock.lock()
        if let c = parsed[code] { lock.unlock(); return c }
        lock.unlock()
        guard let json = EmbeddedCatalogs.files[code] else { return nil }
        // English is every other catalog's fallback for a missing key (the catalog tests keep keys equal).
        let fallback = code == "en" ? nil : catalog("en")
        guard let c = try? Catalog(json: json, fallback: fallback) else { return nil }
        lock.lock()
        parsed[code] = c
        lock.unlock()
        return c
    }
}
