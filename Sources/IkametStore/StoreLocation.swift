import Foundation

/// Where the office store is: a SQLite file (the embedded default) or a PostgreSQL database (the office server).
/// `--store` and `IKAMET_STORE` take either; a `postgresql://` or `postgres://` URL (libpq's URI syntax, e.g.
/// `postgresql://anna@db.office/ikamet?sslmode=verify-full` or `postgresql:///ikamet?host=/run/postgresql`)
/// selects PostgreSQL, anything else is a file path (docs/deployment.md).
public enum StoreLocation: Sendable, Equatable {
    case file(String)
    case postgres(PostgresAddress)

    /// Reads a `--store` value.
    public static func parse(_ text: String) -> StoreLocation {
        PostgresAddress.isURL(text) || PostgresAddress.isConnectionString(text) ? .postgres(PostgresAddress(text)) : .file(text)
    }

    /// A short name for a title bar: a file's name, or a server's database name (`postgresql://db/ikamet` → `ikamet`).
    public var shortName: String {
        switch self {
        case .file(let path): return String(path.split(separator: "/").last ?? "")
        case .postgres(let address): return address.databaseName
        }
    }

    /// The location as it may be printed: a URL without its password.
    public var display: String {
        switch self {
        case .file(let path): return path
        case .postgres(let address): return address.display
        }
    }
}

/// A PostgreSQL connection URL. It keeps the URL as given (libpq reads it), and prints only `display`, which has
/// the password removed; `scrub` takes the password out of any text that might quote it (libpq's own errors).
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// The URL as given, password included: handed to libpq and nowhere else.
    let url: String
    /// The password written in the URL (user info or `password=` parameter), kept only to scrub it from text.
    private let passwords: [String]

    public init(_ url: String) {
        self.url = url
        passwords = PostgresAddress.passwords(in: url)
    }

    /// A libpq `key=value` connection string (`host=/run/postgresql dbname=ikamet user=elif`), which libpq takes
    /// too: a store file's name never starts with one of these keywords followed by `=`.
    static func isConnectionString(_ text: String) -> Bool {
        let keywords = ["host", "hostaddr", "port", "dbname", "user", "password", "service", "sslmode"]  // lint:allow-literal libpq keywords
        let first = text.drop { $0 == " " }.prefix { $0 != "=" && $0 != " " }
        return keywords.contains(String(first).lowercased()) && text.contains("=")
    }

    /// The `password=…` items of a connection string, their values (plain or single-quoted) and their whole text.
    private static func connectionStringPasswords(_ text: String) -> [(whole: Range<String.Index>, value: String)] {
        var found: [(Range<String.Index>, String)] = []
        var search = text.startIndex..<text.endIndex
        while let key = text.range(of: "password", options: [.caseInsensitive], range: search) {  // lint:allow-literal libpq keyword
            var i = key.upperBound
            while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
            guard i < text.endIndex, text[i] == "=" else { search = key.upperBound..<text.endIndex; continue }
            i = text.index(after: i)
            while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
            var value = ""
            if i < text.endIndex, text[i] == "'" {
                i = text.index(after: i)
                while i < text.endIndex, text[i] != "'" {
                    if text[i] == "\\", text.index(after: i) < text.endIndex { i = text.index(after: i) }
                    value.append(text[i])
                    i = text.index(after: i)
                }
                if i < text.endIndex { i = text.index(after: i) }
            } else {
                while i < text.endIndex, text[i] != " " { value.append(text[i]); i = text.index(after: i) }
            }
            found.append((key.lowerBound..<i, value))
            search = i..<text.endIndex
        }
        return found
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")  // lint:allow-literal URI schemes
    }

    /// The URL without its password: `postgresql://anna:secret@db/ikamet?password=x&sslmode=require`
    /// reads `postgresql://anna@db/ikamet?sslmode=require`.
    public var display: String {
        guard PostgresAddress.isURL(url) else {
            // A connection string: its password items left out.
            var out = url
            for item in PostgresAddress.connectionStringPasswords(url).reversed() { out.removeSubrange(item.whole) }
            return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        let parts = PostgresAddress.split(url)
        var out = parts.scheme + "://" + (parts.user.map { $0 + "@" } ?? "") + parts.hostAndPath
        let kept = parts.query.filter { !PostgresAddress.isPasswordParameter($0) }
        if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
        return out
    }

    public var description: String { display }

    /// The database's name: the URL's path or the `dbname` of a connection string (libpq's default, the login's
    /// name, when neither gives one; then the user, or "PostgreSQL").
    public var databaseName: String {
        let shown = display
        if PostgresAddress.isURL(shown) {
            let parts = PostgresAddress.split(shown)
            let path = parts.hostAndPath.drop { $0 != "/" }.dropFirst()
            if !path.isEmpty { return String(path).removingPercentEncoding ?? String(path) }
            let named = parts.query.first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst("dbname=".count)) }  // lint:allow-literal libpq keyword
                ?? parts.user ?? parts.query.first { $0.hasPrefix("user=") }.map { String($0.dropFirst("user=".count)) }  // lint:allow-literal libpq keyword
            return named?.removingPercentEncoding ?? named ?? "PostgreSQL"  // lint:allow-literal product name
        }
        let items = shown.split(separator: " ").map(String.init)
        let value = { (key: String) in items.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } }
        return value("dbname") ?? value("user") ?? "PostgreSQL"  // lint:allow-literal libpq keywords, product name
    }

    /// `text` with every password of this URL (as written and percent-decoded) replaced by `***`.
    public func scrub(_ text: String) -> String {
        var out = text
        for secret in passwords where !secret.isEmpty { out = out.replacingOccurrences(of: secret, with: "***") }
        return out
    }

    /// Where the user info ends: at the first "@" met before any "/", as libpq reads it (a raw "?" in a password
    /// is still the password); failing that, at the last "@" before the query (a raw "/" in a password).
    private static func userInfoEnd(_ rest: Substring) -> Substring.Index? {
        // Up to the first "/": the last "@" there (a raw "@" or "?" in a password stays in the password).
        let host = rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
        if let at = host.lastIndex(of: "@") { return at }
        let beforeQuery = rest.firstIndex(of: "?").map { rest[..<$0] } ?? rest
        return beforeQuery.lastIndex(of: "@")
    }

    /// The URL's parts: scheme, the user without the password, host, port and database, and the query's items.
    private static func split(_ url: String) -> (scheme: String, user: String?, hostAndPath: String, query: [String]) {
        guard let schemeEnd = url.range(of: "://") else { return ("", nil, url, []) }
        let scheme = String(url[..<schemeEnd.lowerBound])
        var rest = url[schemeEnd.upperBound...]
        var user: String?
        if let at = userInfoEnd(rest) {
            let userInfo = rest[..<at]
            user = userInfo.firstIndex(of: ":").map { String(userInfo[..<$0]) } ?? String(userInfo)
            rest = rest[rest.index(after: at)...]
        }
        var query: [String] = []
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true).map(String.init)
            rest = rest[..<mark]
        }
        return (scheme, user, String(rest), query)
    }

    private static func isPasswordParameter(_ item: String) -> Bool {
        item.lowercased().hasPrefix("password=")  // lint:allow-literal libpq parameter name
    }

    private static func passwords(in url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else {
            return connectionStringPasswords(url).map(\.value).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        }
        var rest = url[schemeEnd.upperBound...]
        var found: [String] = []
        if let at = userInfoEnd(rest) {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") { found.append(String(userInfo[userInfo.index(after: colon)...])) }
            rest = rest[rest.index(after: at)...]
        }
        if let mark = rest.firstIndex(of: "?") {
            for item in rest[rest.index(after: mark)...].split(separator: "&") where isPasswordParameter(String(item)) {
                found.append(String(item.dropFirst("password=".count)))  // lint:allow-literal libpq parameter name
            }
        }
        // Both spellings: as written, and percent-decoded (libpq's messages quote the decoded one).
        return found.flatMap { [$0, $0.removingPercentEncoding ?? $0] }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }
}
