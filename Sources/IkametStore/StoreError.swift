import IkametCore

/// Everything that can go wrong with the store, in words for the user.
/// None of these leave the file changed.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but is not an ikamet store.
    case notAStore(path: String, reason: String)
    /// The file is damaged.
    case corrupt(path: String, detail: String)
    /// Written by a newer ikamet.
    case newerSchema(path: String, unknown: [String])
    /// The folder of the store does not exist.
    case missingFolder(path: String)
    /// Cannot read or write the file.
    case access(path: String, detail: String)
    /// Another process holds the write lock for too long.
    case busy
    /// The record changed since it was read.
    case conflict(client: String, by: String, at: String, version: Int)
    /// No such client.
    case clientNotFound(String)
    /// A client with that id exists already.
    case duplicateClient(String)
    /// No such application.
    case applicationNotFound(client: String, application: String)
    /// The change breaks a rule.
    case invalid(client: String, issues: [ValidationIssue])
    /// An import file was refused.
    case importRefused(InterchangeError)
    /// A setting key or value is wrong.
    case badSetting(String)
    /// Any other database error.
    case database(String)

    public var description: String {
        switch self {
        case .notAStore(let path, let reason):
            return "\(path) is not an ikamet store (\(reason)); it was left untouched. Use --store to point at an ikamet store, or a new file name to create one."
        case .corrupt(let path, let detail):
            return "\(path) is damaged (\(detail)); it was left untouched. Restore it from a backup (ikamet backup / restore)."
        case .newerSchema(let path, let unknown):
            return "\(path) was written by a newer version of ikamet (schema steps \(unknown.joined(separator: ", ")) are unknown here); it was left untouched. Update ikamet to open it."
        case .missingFolder(let path):
            return "the folder \(path) does not exist; create it first or choose another --store path"
        case .access(let path, let detail):
            return "cannot use \(path): \(detail)"
        case .busy:
            return "the store is busy: another ikamet process is writing and did not release the lock in time; nothing was changed, try again"
        case .conflict(let client, let by, let at, let version):
            return "client \(client) was changed by \(by) at \(at) (now version \(version)) after you opened it; nothing was saved: reload and apply your change again"
        case .clientNotFound(let id):
            return "no client with file number \(id)"
        case .duplicateClient(let id):
            return "a client with file number \(id) exists already"
        case .applicationNotFound(let client, let app):
            return "client \(client) has no application \(app)"
        case .invalid(let client, let issues):
            return "client \(client) was not saved: " + issues.filter { $0.level == .error }.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        case .importRefused(let e):
            return "import refused, nothing was written: \(e.description)"
        case .badSetting(let m):
            return m
        case .database(let m):
            return "database error: \(m)"
        }
    }
}
