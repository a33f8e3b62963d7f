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

    /// The URL's parts: scheme, the user without the password, host, port and database, and the query's items.
    private static func split(_ url: String) -> (scheme: String, user: String?, hostAndPath: String, query: [String]) {
        guard let schemeEnd = url.range(of: "://") else { return ("", nil, url, []) }
        let scheme = String(url[..<schemeEnd.lowerBound])
        var rest = url[schemeEnd.upperBound...]
        var query: [String] = []
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true).map(String.init)
            rest = rest[..<mark]
        }
        // The user info ends at the last "@" before the query: a password with a raw "/" or "@" is still cut out.
        guard let at = rest.lastIndex(of: "@") else { return (scheme, nil, String(rest), query) }
        let userInfo = rest[..<at]
        let user = userInfo.firstIndex(of: ":").map { String(userInfo[..<$0]) } ?? String(userInfo)
        return (scheme, user, String(rest[rest.index(after: at)...]), query)
    }

    private static func isPasswordParameter(_ item: String) -> Bool {
        item.lowercased().hasPrefix("password=")  // lint:allow-literal libpq parameter name
    }

    private static func passwords(in url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [] }
        var rest = url[schemeEnd.upperBound...]
        var found: [String] = []
        if let mark = rest.firstIndex(of: "?") {
            for item in rest[rest.index(after: mark)...].split(separator: "&") where isPasswordParameter(String(item)) {
                found.append(String(item.dropFirst("password=".count)))  // lint:allow-literal libpq parameter name
            }
            rest = rest[..<mark]
        }
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            found.append(String(rest[rest.index(after: colon)..<at]))
        }
        // Both spellings: as written, and percent-decoded (libpq's messages quote the decoded one).
        return found.flatMap { [$0, $0.removingPercentEncoding ?? $0] }.sorted { $0.count > $1.count }
    }
}
