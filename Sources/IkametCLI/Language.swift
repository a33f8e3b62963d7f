import ArgumentParser
import Foundation
import IkametCore
import IkametInterchange
import IkametData
import IkametStore
import IkametText
import TerminalUI

/// The language of one invocation (decision 0025): `--lang`, `IKAMET_LANG`, the office
/// setting `language`, the locale, else English. `runMain` binds the catalog of the first
/// two (and the locale) before parsing, so usage errors and help are in that language too;
/// `Context.make` switches to the office setting once the store is open.
enum Language {
    /// The value of the last `--lang X` or `--lang=X` before a `--` terminator (nil: not given).
    static func option(in arguments: [String]) -> String? {
        var value: String?
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument == "--lang" {
                // A missing value is ArgumentParser's error to report.
                if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") { value = arguments[i + 1] }
                i += 2
                continue
            }
            if argument.hasPrefix("--lang=") { value = String(argument.dropFirst("--lang=".count)) }
            i += 1
        }
        return value
    }

    /// The catalog chosen by `--lang`, `IKAMET_LANG` or the locale (the office setting is read later).
    static func initial(option: String?, environment: [String: String]) throws(LanguageChoice.Unknown) -> Catalog {
        let choice = try LanguageChoice.resolve(option: option, environment: environment, setting: nil)
        return Catalog.named(choice.code) ?? .english
    }

    /// The catalog to report an unknown explicit language in: the choice without the unknown value.
    static func fallback(after error: LanguageChoice.Unknown, environment: [String: String]) -> Catalog {
        var env = environment
        if error.source != .option { env["IKAMET_LANG"] = nil }  // lint:allow-literal an environment variable name
        let choice = try? LanguageChoice.resolve(option: nil, environment: env, setting: nil)
        return choice.flatMap { Catalog.named($0.code) } ?? .english
    }

    /// The message for a language code that names no catalog, naming the available ones.
    static func unknownMessage(_ error: LanguageChoice.Unknown) -> String { unknownMessage(error.value, source: error.source) }

    /// The message for `value`, given as `source`, that names no catalog.
    static func unknownMessage(_ value: String, source: LanguageChoice.Source) -> String {
        let args: [String: any MessageArgConvertible] = ["value": value, "codes": Catalog.available.joined(separator: ", ")]
        switch source {
        case .environment: return L("cli.lang.unknown-environment", args)
        case .setting: return L("cli.lang.unknown-setting", args)
        default: return L("cli.lang.unknown-option", args)
        }
    }

    /// A setting's value as a bare word (settings are stored as JSON: `"tr"`).
    static func settingWord(_ json: String) -> String {
        if let s = (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])) as? String { return s }
        return json.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }

    /// Switches the current catalog to the office's choices: the setting `language` (when neither
    /// `--lang` nor `IKAMET_LANG` chose), then the setting `dateFormat` (when set) over the language's date style.
    static func apply(settings rows: [SettingRow], options: GlobalOptions, environment: [String: String], quiet: Bool) {
        let setting = rows.first { $0.key == "language" }.map { settingWord($0.value) }
        var catalog: Catalog
        do throws(LanguageChoice.Unknown) {
            let choice = try LanguageChoice.resolve(option: options.lang, environment: environment, setting: setting)
            catalog = Catalog.named(choice.code) ?? .english
        } catch {
            // The setting names no installed catalog (a newer ikamet wrote it): keep the language in force.
            catalog = Catalog.named(Catalog.current.code) ?? .english
            if !quiet { printError(L("cli.common.warning-lower", ["message": unknownMessage(error)])) }
        }
        if let style = officeDateStyle(rows) { catalog = catalog.with(dateStyle: style) }
        Catalog.switchCurrent(to: catalog)
    }

    /// The date style the office chose explicitly (setting `dateFormat`), nil when not set.
    static func officeDateStyle(_ rows: [SettingRow]) -> Catalog.DateStyle? {
        rows.first { $0.key == "dateFormat" }.flatMap { Catalog.DateStyle(rawValue: settingWord($0.value)) }
    }
}

// MARK: Text of values the core and the store give

/// A message in the current language.
func say(_ m: Message) -> String { Catalog.current.render(m) }

/// A message argument (a term such as a deadline kind's label) in the current language.
func say(_ a: MessageArg) -> String { Catalog.current("cli.common.value", ["value": a]) }

/// Text the core gives as it is (data, or a sentence not yet turned into a message).
func say(_ s: String) -> String { s }

/// Messages in the current language.
func say(_ list: [Message]) -> [String] { list.map { say($0) } }

/// Texts as they are.
func say(_ list: [String]) -> [String] { list }

/// `text` padded with spaces to `width` characters, never cut (a longer word in another language stays whole).
func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
}

/// The width of the widest of `words` (at least `minimum`): a column of them stays aligned in every language.
func columnWidth(_ words: [String], minimum: Int) -> Int {
    max(minimum, words.map(\.count).max() ?? 0)
}

/// A date in the current language's style (`YYYY-MM-DD` in English, `DD.MM.YYYY` in Turkish).
func day(_ d: CivilDate) -> String { Catalog.current.date(d) }

/// Why a text is not a date, in the current language: "'2026-02-30' is not a valid date: …".
func dateProblem(_ e: DateParseError) -> String { say(e.message) }

/// An option's problem: `--today: '2026-02-30' is not a valid date: …`.
func optionProblem(_ option: String, _ problem: String) -> String {
    L("cli.common.option-problem", ["option": option, "problem": problem])
}

/// A validation issue: `warning: permits[0].end: …`. Inside a store closure, pass the catalog captured outside.
func issueText(_ issue: ValidationIssue, _ cat: Catalog = Catalog.current) -> String {
    let args: [String: any MessageArgConvertible] = ["field": issue.field, "message": issue.message]
    return cat(issue.level == .error ? "cli.common.issue-error" : "cli.common.issue-warning", args)
}

/// An interchange refusal naming the client and the field: `client 2026-0109, permits[0].start: …`.
func interchangeText(_ e: InterchangeError) -> String { say(e.full) }

/// Any error in words for the user, in the current language.
func errorText(_ error: any Error) -> String {
    switch error {
    case let e as CLIError: return e.description
    case let e as StoreError: return say(e.message)
    case let e as DataFileError: return say(e.message)
    case let e as InterchangeError: return interchangeText(e)
    case let e as DateParseError: return dateProblem(e)
    default: return String(describing: error)
    }
}
