import IkametCore
import IkametInterchange

/// Everything that can go wrong with the store, in words for the user.
/// None of these leave the file changed.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but is not an ikamet store.
    case notAStore(path: String, reason: Message)
    /// The file is damaged (the detail is the database's own words).
    case corrupt(path: String, detail: String)
    /// One client's stored record cannot be decoded.
    case clientUnreadable(client: String, detail: String)
    /// Written by a newer ikamet.
    case newerSchema(path: String, unknown: [String])
    /// The folder of the store does not exist.
    case missingFolder(path: String)
    /// Cannot read or write the file.
    case access(path: String, detail: Message)
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
    case badSetting(Message)
    /// Any other database error (the database's own words).
    case database(String)
    /// The office server cannot be reached (libpq's reason; the server printed without its password).
    case serverUnreachable(server: String, reason: String)
    /// The office server refused (its own words, password scrubbed).
    case serverRefused(server: String, detail: String)
    /// `ikamet init` on a database that holds other tables.
    case serverNotEmpty(server: String, objects: Int)
    /// The database holds no office store (`ikamet init` has not run).
    case notAnOfficeStore(server: String)
    /// The login lacks the group role the action needs.
    case roleRequired(role: String, login: String)
    /// Not a login name ikamet creates.
    case badUserName(String)
    /// A login of that name exists.
    case userExists(String)
    /// No ikamet login of that name.
    case userUnknown(String)
    /// A login may not remove itself.
    case cannotRemoveSelf(String)
    /// A login that owns a database is not removed through ikamet.
    case userOwnsDatabase(String)
    /// `ikamet init` by a login that may not create the schema or the roles.
    case initNeedsOwner(server: String, login: String)
    /// An operation of store files (backup, restore) asked of an office server.
    case notOnServer(String)
    /// `copy-store` into a store that holds clients, audit rows or settings.
    case copyDestinationNotEmpty(String)
    /// `copy-store` into a server by a login that does not own its tables.
    case copyNeedsOwner(String)
    /// After a copy, the two stores' counts or digests differ.
    case copyMismatch(source: String, destination: String)
    /// The office store lacks schema steps this version needs (its owner runs `ikamet init`).
    case serverNeedsUpgrade(server: String, steps: [String])

    /// What went wrong, as a message for the catalogs (`store.error.*`).
    public var message: Message {
        switch self {
        case .notAStore(let path, let reason):
            return Message("store.error.not-a-store", ["path": .text(path), "reason": .message(reason)])
        case .corrupt(let path, let detail):
            return Message("store.error.corrupt", ["path": .text(path), "detail": .text(detail)])
        case .clientUnreadable(let client, let detail):
            return Message("store.error.client-unreadable", ["client": .text(client), "detail": .text(detail)])
        case .newerSchema(let path, let unknown):
            return Message("store.error.newer-schema", ["path": .text(path), "steps": .text(unknown.joined(separator: ", "))])
        case .missingFolder(let path):
            return Message("store.error.missing-folder", ["path": .text(path)])
        case .access(let path, let detail):
            return Message("store.error.access", ["path": .text(path), "detail": .message(detail)])
        case .busy:
            return Message("store.error.busy")
        case .conflict(let client, let by, let at, let version):
            return Message("store.error.conflict", ["client": .text(client), "user": .text(by), "at": .text(at), "version": .int(version)])
        case .clientNotFound(let id):
            return Message("store.error.client-not-found", ["client": .text(id)])
        case .duplicateClient(let id):
            return Message("store.error.duplicate-client", ["client": .text(id)])
        case .applicationNotFound(let client, let app):
            return Message("store.error.application-not-found", ["client": .text(client), "application": .text(app)])
        case .invalid(let client, let issues):
            let errors = issues.filter { $0.level == .error }.map {
                MessageArg.message(Message("store.error.invalid-field", ["field": .text($0.field), "problem": .message($0.message)]))
            }
            return Message("store.error.invalid", ["client": .text(client), "issues": .list(errors)])
        case .importRefused(let e):
            return Message("store.error.import-refused", ["reason": .message(e.message)])
        case .badSetting(let m):
            return m
        case .database(let m):
            return Message("store.error.database", ["detail": .text(m)])
        case .serverUnreachable(let server, let reason):
            return Message("store.error.server-unreachable", ["server": .text(server), "reason": .text(reason)])
        case .serverRefused(let server, let detail):
            return Message("store.error.server-refused", ["server": .text(server), "detail": .text(detail)])
        case .serverNotEmpty(let server, let objects):
            return Message("store.error.server-not-empty", ["server": .text(server), "count": .int(objects)])
        case .notAnOfficeStore(let server):
            return Message("store.error.not-an-office-store", ["server": .text(server)])
        case .roleRequired(let role, let login):
            return Message("store.error.role-required", ["role": .text(role), "login": .text(login)])
        case .badUserName(let name):
            return Message("store.error.bad-user-name", ["name": .text(name)])
        case .userExists(let name):
            return Message("store.error.user-exists", ["name": .text(name)])
        case .userUnknown(let name):
            return Message("store.error.user-unknown", ["name": .text(name)])
        case .cannotRemoveSelf(let name):
            return Message("store.error.cannot-remove-self", ["name": .text(name)])
        case .userOwnsDatabase(let name):
            return Message("store.error.user-owns-database", ["name": .text(name)])
        case .initNeedsOwner(let server, let login):
            return Message("store.error.init-needs-owner", ["server": .text(server), "login": .text(login)])
        case .notOnServer(let server):
            return Message("store.error.not-on-server", ["server": .text(server)])
        case .copyDestinationNotEmpty(let store):
            return Message("store.error.copy-not-empty", ["store": .text(store)])
        case .copyNeedsOwner(let store):
            return Message("store.error.copy-needs-owner", ["store": .text(store)])
        case .copyMismatch(let source, let destination):
            return Message("store.error.copy-mismatch", ["source": .text(source), "destination": .text(destination)])
        case .serverNeedsUpgrade(let server, let steps):
            return Message("store.error.server-needs-upgrade", ["server": .text(server), "steps": .text(steps.joined(separator: ", "))])
        }
    }

    /// The message in its encoded form (for logs and debugging; users see `message` rendered by a catalog).
    public var description: String { MessageCodec.encode(message) }
}
