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
        PostgresAddress.isURL(text) ? .postgres(PostgresAddress(text)) : .file(text)
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

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")  // lint:allow-literal URI schemes
    }

    /// The URL without its password: `postgresql://anna:secret@db/ikamet?password=x&sslmode=require`
    /// reads `postgresql://anna@db/ikamet?sslmode=require`.
    public var display: String {
        let parts = PostgresAddress.split(url)
        var out = parts.scheme + "://" + (parts.user.map { $0 + "@" } ?? "") + parts.hostAndPath
        let kept = parts.query.filter { !PostgresAddress.isPasswordParameter($0) }
        if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
        return out
    }

    public var description: String { display }

    /// `text` with every password of this URL (as written and percent-decoded) replaced by `***`.
    public func scrub(_ text: String) -> String {
        var out = text
        for secret in passwords where !secret.isEmpty { out = out.replacingOccurrences(of: secret, with: "***") }
        return out
    }

    /// Where the user info ends: at the first "@" met before any "/", as libpq reads it (a raw "?" in a password
    /// is still the password); failing that, at the last "@" before the query (a raw "/" in a password).
    private static func userInfoEnd(_ rest: Substring) -> Substring.Index? {
        for i in rest.indices {
            if rest[i] == "@" { return i }
            if rest[i] == "/" { break }
        }
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
        guard let schemeEnd = url.range(of: "://") else { return [] }
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
