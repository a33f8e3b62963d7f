import Foundation
import GRDB
@testable import IkametCore
@testable import IkametStore
import IkametTestSupport
import Testing

/// Shared helpers of the store tests: temporary folders, fixed actors and
/// dates, sample clients and raw file access. Every test makes its own store.

/// A fresh folder under the temporary directory. Call `remove()` (in a `defer`).
struct TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ikamet-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A date literal.
func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { fatalError("bad date literal \(text)") }
    return date
}

/// The pinned "today" of every store test (a Monday).
let testToday = d("2026-11-23")

/// Two people working on the same store.
let pl = Actor(user: "PL", timestamp: "2026-11-23T10:00:00+03:00")
let ek = Actor(user: "EK", timestamp: "2026-11-23T11:30:00+03:00")

/// An extension application with a two-item checklist (both missing).
func extensionApplication(status: ApplicationStatus = .submitted, submitted: CivilDate? = d("2026-11-19")) -> Application {
    Application(id: "A1", kind: .extension, permitType: .shortTerm, status: status, submitted: submitted,
                delivery: .mail, filedBy: .attorney,
                checklist: [ChecklistEntry(item: "photos"), ChecklistEntry(item: "passport-notarized-copy")])
}

/// A valid client: a short-term permit 2025-12-01 – 2026-11-30, with optional applications.
func sampleClient(id: String = "2026-0001", name: String = "Ayşe Yılmaz", passport: String = "C01X00T47",
                  foreignerId: String? = nil, attorney: String? = "EK", notes: String = "",
                  applications: [Application] = []) -> Client {
    Client(id: id, name: name, nationality: "DE", birthDate: d("1985-04-12"), foreignerId: foreignerId,
           passport: Passport(number: passport, expires: d("2031-05-01")), phone: "+90 555 000 0000",
           email: "client@example.com", address: "Moda Cad. 1, Kadıköy", province: "İstanbul",
           attorney: attorney, notes: notes,
           permits: [Permit(type: .shortTerm, start: d("2025-12-01"), end: d("2026-11-30"), number: "P-77", province: "İstanbul")],
           applications: applications)
}

/// A richer client exercising every optional part of `ikamet/1`, with its
/// lists deliberately out of canonical order.
func richClient() -> Client {
    var c = sampleClient(id: "2026-0042", name: "Çağla Öztürk-Işıklı", foreignerId: "99123456740", attorney: "PL",
                         notes: "Prefers e-mail; \"VIP\" / slash")
    c.permits = [
        Permit(type: .shortTerm, start: d("2025-12-01"), end: d("2026-11-30"), number: "P-77", province: "İstanbul"),
        Permit(type: .student, start: d("2021-09-01"), end: d("2025-11-30"), number: "S-1", province: "Ankara"),
    ]
    c.trips = [
        Trip(exit: d("2024-07-01"), entry: d("2024-07-20"), exempt: .health),
        Trip(exit: d("2022-01-05"), entry: d("2022-01-25")),
    ]
    c.longTerm = LongTermFile(publicAid: .confirmed, income: .failed, insurance: .unknown, publicOrder: .confirmed)
    c.powerOfAttorney = PowerOfAttorney(date: d("2025-01-10"), notary: "Beyoğlu 12. Noterliği", expires: d("2027-01-10"))
    var app = extensionApplication()
    app.appointment = try? LocalDateTime.parse("2026-12-03T09:30")
    app.tracking = "RR123456789TR"
    c.applications = [app]
    return c
}

/// The bytes of a file; a file that cannot be read is an error, never an empty `Data`.
func fileBytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Creates a store file holding `clients` and closes it, so that the file
/// stands alone (the write-ahead log is checkpointed on close).
func makeStoreFile(at path: String, clients: [Client]) throws {
    let store = try OfficeStore.open(path: path)
    _ = try store.importClients(clients, by: pl, today: testToday)
}

/// `count` valid clients `B-0001`… whose notes make each row about `noteLength` bytes.
func bulkClients(_ count: Int, noteLength: Int = 0) -> [Client] {
    (1...count).map { i in
        sampleClient(id: String(format: "B-%04d", i), name: "Bulk Client \(i)", passport: "PB\(i)",
                     notes: String(repeating: "n", count: noteLength))
    }
}

/// The two engines every store test runs on (issue 13): the embedded file and the office server.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    var testDescription: String { rawValue }

    /// The engines this run covers: both whenever a test server was started, and always under CI, where a missing
    /// server makes the PostgreSQL cases fail (`PostgresTestServer.makeOffice` throws), never skip.
    static var tested: [Engine] {
        PostgresTestServer.available || PostgresTestServer.required ? allCases : [.sqlite]
    }
}

/// One fresh store on one engine, with a temporary folder for the files a test writes (backups). Each `open` is a
/// new connection, as another desk's. On the server, `pl` and `ek` are two admin logins of their own, and a store
/// is opened as the login of the person using it: the audit trail records the login there (`who`).
final class StoreSite {
    let engine: Engine
    let tmp: TempDir
    private let office: PostgresTestServer.Office?

    init(_ engine: Engine) throws {
        self.engine = engine
        tmp = try TempDir()
        guard engine == .postgresql else { office = nil; return }
        do {
            let office = try PostgresTestServer.makeOffice()
            self.office = office
            do {
                let owner = try OfficeServer(PostgresAddress(office.ownerURL))
                _ = try owner.initialize()
                for actor in [pl, ek] { try owner.addUser(office.login(actor.user.lowercased()), role: .admin, password: nil) }
            } catch {
                office.drop()
                throw error
            }
        } catch {
            tmp.remove()
            throw error
        }
    }

    /// The store file (SQLite).
    var path: String { tmp.path("office.sqlite") }

    /// The database on the test server (PostgreSQL).
    var databaseName: String? { office?.database }

    /// A new connection to the store, for `actor`.
    func open(as actor: Actor = pl) throws -> OfficeStore {
        guard let office else { return try OfficeStore.open(path: path) }
        return try OfficeStore.open(server: PostgresAddress(office.url(office.login(actor.user.lowercased()))))
    }

    /// The name the store records for `actor`: its `user` on a file, its login on the server.
    func who(_ actor: Actor) -> String {
        office.map { $0.login(actor.user.lowercased()) } ?? actor.user
    }

    /// The owner's URL on the server (raw SQL as the owner), nil for a file.
    var ownerURL: String? { office?.ownerURL }

    func remove() {
        office?.drop()
        tmp.remove()
    }
}
