import Foundation
import IkametCore
import IkametText
import TerminalUI

// The Trips tab's Entry-Exit Record import (review, then confirm), the household box and the
// Applications tab's letters: the client screen's practice tools (issue 14).

/// `i` on the Trips tab: asks for the record, a file's path or the record pasted.
func askEntryExitRecord(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard loadedClientScreen(state) != nil else { return [] }
    state.overlay = .prompt(Prompt(purpose: .entryExitRecord, label: Strings.recordPrompt, field: TextField()))
    return []
}

/// A paste of several lines into the record prompt is the record itself: it goes to review at once.
/// Any other key types into the prompt as usual.
func typeInRecordPrompt(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> Bool {
    guard case .prompt(let p)? = state.overlay, p.purpose == .entryExitRecord, case .paste(let text) = key,
          text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return false }
    state.overlay = nil
    reviewRecord(&state, text: text, source: Strings.recordPasted, env)
    return true
}

/// The record's bytes, read by the runtime: to review.
func recordFileRead(_ state: inout AppState, path: String, bytes: [UInt8]?, error: String?, _ env: AppEnvironment) {
    guard state.route == .client, state.overlay == nil else { return }
    if let error {
        setStatus(&state, error, error: true)
        return
    }
    do throws(EntryExitReadError) {
        reviewRecord(&state, text: try EntryExitReader.text(from: bytes ?? []), source: path, env)
    } catch {
        refuseRecord(&state, source: path, error)
    }
}

/// Reads and pairs the record and shows the difference from the trips on file: a question
/// (y applies it, one audited change) when it would change something, else a note.
func reviewRecord(_ state: inout AppState, text: String, source: String, _ env: AppEnvironment) {
    guard let detail = state.clientScreen?.detail else { return }
    let record: EntryExitRecordFile
    do throws(EntryExitReadError) { record = try EntryExitReader.read(text) } catch {
        refuseRecord(&state, source: source, error)
        return
    }
    let plan = TripImportPlan(record: record, client: detail.client, validator: env.validator, today: state.today)
    let lines = plan.lines(client: detail.client, eligibility: env.eligibility, today: state.today).map { m in
        (m.key.hasPrefix("entry-exit-import.item.") ? "  " : "") + L(m).replacingOccurrences(of: "[ \t]+$", with: "", options: .regularExpression)
    }
    let review = ([Strings.recordSource(source)] + lines).joined(separator: "\n")
    state.textScroll = 0
    if plan.applicable {
        state.overlay = .confirm(Confirmation(
            purpose: .applyEntryExitRecord(trips: plan.after, added: plan.diff.new.count, corrected: plan.diff.conflicts.count),
            question: review + "\n\n" + Strings.recordApplyQuestion(added: plan.diff.new.count, corrected: plan.diff.conflicts.count)))
    } else {
        let why = !record.anomalies.isEmpty ? Strings.recordAnomalies(record.anomalies.count)
            : !plan.problems.isEmpty ? Strings.recordBlocked(plan.problems.count) : Strings.recordNothingToApply
        state.overlay = .explanation(title: Strings.recordTitle, text: review + "\n\n" + why)
        setStatus(&state, why, error: !record.anomalies.isEmpty || !plan.problems.isEmpty)
    }
}

/// A record that cannot be read: what is wrong, in a box (every line named), and on the status line.
func refuseRecord(_ state: inout AppState, source: String, _ error: EntryExitReadError) {
    let text = Strings.recordRefused(source, L(error.message))
    state.textScroll = 0
    state.overlay = .explanation(title: Strings.recordTitle, text: text)
    setStatus(&state, text, error: true)
}

/// `y` on the review: the client's trips become the record's, saved from the version reviewed.
func applyEntryExitRecord(_ state: inout AppState, trips: [Trip], added: Int, corrected: Int) -> [Effect] {
    guard let detail = state.clientScreen?.detail else { return [] }
    var c = detail.client
    c.trips = trips
    return [.saveClient(c, version: detail.version, before: detail.client, message: Strings.recordApplied(added: added, corrected: corrected))]
}

/// `h` on the client screen: the household, every member with their permit and next deadline.
func showHousehold(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let detail = loadedClientScreen(state)?.detail else { return [] }
    guard !detail.household.isEmpty || detail.supporter != nil else {
        setStatus(&state, Strings.noHousehold)
        return []
    }
    var lines: [String] = []
    if let s = detail.supporter { lines.append(Strings.supporterLine(s)) }
    for m in detail.household {
        let permit = m.permit.map { p in LT(p.type.listTerm) + " " + (p.end.map { Catalog.current.date($0) } ?? Strings.noEnd) } ?? "—"
        let next = m.next.map { Catalog.current.date($0.date) + " " + LT($0.kind.term) } ?? Strings.nothingDue
        lines.append((m.id == detail.client.id ? "* " : "  ") + Strings.householdMember(name: m.name, id: m.id, head: m.isHead)
                     + "\n    " + permit + " · " + next)
    }
    state.textScroll = 0
    state.overlay = .explanation(title: Strings.householdTitle, text: lines.joined(separator: "\n"))
    return []
}

/// `l` on the Applications tab: which letter of the selected application to write to a file.
func chooseLetter(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = state.clientScreen, let detail = screen.detail else { return [] }
    let apps = detail.client.applications, selected = screen.cursor(.applications).selected
    guard apps.indices.contains(selected) else {
        setStatus(&state, Strings.letterNoApplication)
        return []
    }
    let choices = Strings.letterChoices
    state.overlay = .choose(Choice(purpose: .letter(applicationId: apps[selected].id), title: Strings.letterTitle,
                                   values: choices.map(\.value), labels: choices.map(\.label)))
    return []
}
