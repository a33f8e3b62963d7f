import Foundation
import IkametCore

/// Starts the terminal UI (issue 4). Until it exists, prints the agenda.
enum TUILauncher {
    static func launch(_ ctx: Context, demo: Bool) throws {
        let items = try collectDeadlines(ctx, within: 30, attorney: nil)
        print("ikamet \(demo ? "demo " : "")— \(try ctx.store.clientCount()) client(s), today \(ctx.today.iso). The terminal UI is not built yet; agenda for the next 30 days:")
        for (item, name) in items {
            print("\(item.severity.mark) \(item.date.iso) \(String(format: "%5d", item.daysLeft))  \(DisplayWidth.pad(safe(item.clientId), to: 10)) \(DisplayWidth.pad(safe(name), to: 20)) \(item.kind.label)")
        }
    }
}
