import Foundation
import IkametCore
import IkametStore
import IkametText

/// The client list in memory, for filter-as-you-type over a large caseload:
/// the folded search texts in one buffer scanned with `memchr`/`memcmp`, and one
/// precomputed order per sort. Built once, rebuilt when the store changes.
final class ClientIndex {
    private(set) var rows: [ClientListRow]
    /// The store's change counter this index is current with.
    var changeCounter: Int64
    private let buffer: [UInt8]
    private let starts: [Int]
    private var positions: [String: Int] = [:]
    private var searchTexts: [String]
    private var orders: [ClientSort: [Int32]] = [:]
    /// The name order of languages whose alphabet differs from the store's folded order, by language code.
    private var nameOrders: [String: [Int32]] = [:]

    init(store: OfficeStore) throws {
        changeCounter = try store.changeCounter()
        let all = try store.clientListAll()
        rows = all.map(\.row)
        var buffer: [UInt8] = [], starts: [Int] = []
        buffer.reserveCapacity(all.count * 48)
        starts.reserveCapacity(all.count)
        for entry in all {
            starts.append(buffer.count)
            buffer.append(contentsOf: entry.search.utf8)
            buffer.append(0)
        }
        self.buffer = buffer
        self.starts = starts
        searchTexts = all.map(\.search)
        for (i, r) in rows.enumerated() { positions[r.id] = i }
        orders[.name] = (0..<Int32(rows.count)).map { $0 }
    }

    /// Takes in one saved client without re-reading the whole list: possible when its
    /// name and search text are unchanged (so its place and the search buffer stay valid).
    /// Returns false when the index must be rebuilt.
    func update(_ row: ClientListRow, search: String, counter: Int64) -> Bool {
        guard let i = positions[row.id], rows[i].name == row.name, searchTexts[i] == search else { return false }
        if rows[i] != row {
            rows[i] = row
            orders = [.name: orders[.name] ?? (0..<Int32(rows.count)).map { $0 }]  // date orders are recomputed on demand
            // (names are unchanged, so the language name orders stay valid)
        }
        changeCounter = counter
        return true
    }

    /// The row order for a sort (computed once per sort). By name, the store's order (its folded
    /// sort column) unless the current language sorts otherwise (Turkish: C < Ç, I < İ): then the
    /// names are sorted once by that language's collation.
    func order(_ sort: ClientSort) -> [Int32] {
        let catalog = Catalog.current
        if sort == .name, !catalog.sortsByFolding {
            if let o = nameOrders[catalog.code] { return o }
            let keys = rows.map { catalog.collationKey($0.name) }
            let o = (0..<Int32(rows.count)).sorted {
                let a = keys[Int($0)], b = keys[Int($1)]
                return a == b ? $0 < $1 : a.lexicographicallyPrecedes(b)
            }
            nameOrders[catalog.code] = o
            return o
        }
        if let o = orders[sort] { return o }
        let far = CivilDate(dayNumber: Int.max / 4)
        let o: [Int32]
        switch sort {
        case .name: o = (0..<Int32(rows.count)).map { $0 }
        case .permitEnd: o = (0..<Int32(rows.count)).sorted { (rows[Int($0)].permitEnd ?? far, $0) < (rows[Int($1)].permitEnd ?? far, $1) }
        case .nextDeadline: o = (0..<Int32(rows.count)).sorted { (rows[Int($0)].nextDate ?? far, $0) < (rows[Int($1)].nextDate ?? far, $1) }
        }
        orders[sort] = o
        return o
    }

    /// The last filter's folded needle and the rows it matched, in row order: a filter that extends it (the next
    /// letter typed) only looks at those rows.
    private var lastMatch: (needle: [UInt8], rows: [Int32])?
    /// The rows of the filters typed lately, by needle: Backspace goes back to one of them without a scan.
    private var recentMatches: [[UInt8]: [Int32]] = [:]

    /// The rows matching `filter` (folded as the store folds names, anywhere in name, file number, passport,
    /// foreigner id), in `sort` order.
    func matching(_ filter: String, sort: ClientSort) -> [Int32] {
        let needle = Array(SearchFolding.searchKey(filter.trimmingCharacters(in: .whitespaces)).utf8)
        let order = order(sort)
        guard !needle.isEmpty else { lastMatch = nil; return order }
        let rowsHit: [Int32]
        if let recent = recentMatches[needle] {
            rowsHit = recent
        } else if let last = lastMatch, needle.count >= last.needle.count, contains(needle[...], last.needle) {
            // Every row holding the new needle held the old one.
            rowsHit = last.rows.filter { rowContains(Int($0), needle) }
        } else {
            rowsHit = scanAll(needle)
        }
        lastMatch = (needle, rowsHit)
        if recentMatches.count >= 32 { recentMatches.removeAll() }
        recentMatches[needle] = rowsHit
        if rowsHit.count == rows.count { return order }
        var hit = [Bool](repeating: false, count: rows.count)
        for r in rowsHit { hit[Int(r)] = true }
        return order.filter { hit[Int($0)] }
    }

    /// Whether `hay` contains `needle`.
    private func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard hay.count >= needle.count else { return false }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    /// Whether row `row`'s search text contains `needle`.
    private func rowContains(_ row: Int, _ needle: [UInt8]) -> Bool {
        let end = row + 1 < starts.count ? starts[row + 1] - 1 : buffer.count - 1
        return buffer.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                guard let base = hay.baseAddress, let nb = n.baseAddress else { return false }
                var offset = starts[row]
                let first = Int32(needle[0])
                while offset + n.count <= end, let candidate = memchr(base + offset, first, end - offset - n.count + 1) {
                    if n.count == 1 || memcmp(candidate + 1, nb + 1, n.count - 1) == 0 { return true }
                    offset = base.distance(to: UnsafeRawPointer(candidate)) + 1
                }
                return false
            }
        }
    }

    /// Every row whose search text contains `needle`, in row order: one pass over the whole buffer.
    private func scanAll(_ needle: [UInt8]) -> [Int32] {
        var out: [Int32] = []
        buffer.withUnsafeBytes { hay in
            needle.withUnsafeBytes { n in
                guard let base = hay.baseAddress, let nb = n.baseAddress else { return }
                var offset = 0, row = 0
                let first = Int32(needle[0])
                // memchr finds candidates for the first byte; memcmp checks the rest.
                while offset + n.count <= hay.count, let candidate = memchr(base + offset, first, hay.count - offset - n.count + 1) {
                    let position = base.distance(to: UnsafeRawPointer(candidate))
                    if n.count > 1, memcmp(candidate + 1, nb + 1, n.count - 1) != 0 {
                        offset = position + 1
                        continue
                    }
                    // The row containing `position`: matches come in buffer order, so walk forward from the last one.
                    while row + 1 < starts.count, starts[row + 1] <= position { row += 1 }
                    out.append(Int32(row))
                    offset = row + 1 < starts.count ? starts[row + 1] : hay.count
                }
            }
        }
        return out
    }
}
