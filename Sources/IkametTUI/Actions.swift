import IkametCore
import IkametStore
import TerminalUI

/// Everything that can happen to the UI, named for what happened.
public enum Action: Sendable, Equatable {
    case keyPressed(Key)
    case terminalResized(width: Int, height: Int)
    /// About once a second when no key is pressed.
    case idleTick
    /// The office's date changed while the UI was open (midnight in the office time zone).
    case dayChanged(CivilDate)
    /// `shownClients`: the clients under the attorney filter (all of them without one).
    case agendaLoaded(counts: [Int], window: RowWindow<AgendaRow>, clientCount: Int, shownClients: Int)
    case agendaWindowLoaded(RowWindow<AgendaRow>)
    case clientsLoaded(total: Int, window: RowWindow<ClientRow>)
    case clientWindowLoaded(RowWindow<ClientRow>)
    case clientLoaded(ClientDetail?)
    case saveSucceeded(clientId: String, version: Int?, undo: UndoEntry?, message: String)
    /// The office's attorneys (initials, and names from the settings).
    case attorneysLoaded([Attorney])
    /// A change was undone: the client now has `version` (nil: it was deleted), its content that of `entry.beforeVersion`.
    case undone(UndoEntry, version: Int?)
    /// A save was refused; `latest` is the client as it is now when someone else changed it.
    case saveFailed(message: String, latest: ClientDetail?)
    case storeChangedElsewhere
    case demoOpened(label: String)
    case importFinished(message: String, succeeded: Bool)
    /// An Entry-Exit Record file was read (`bytes`), or could not be (`error`, in words).
    case recordFileRead(path: String, bytes: [UInt8]?, error: String?)
    /// A letter was written to `path`, or could not be (`error`).
    case letterWritten(path: String?, error: String?)
    /// A long effect running off the input loop reports how far it is (shown in the status line).
    case jobProgress(String)
    /// The background refresh of the agenda snapshots ended (`complete`: false when the store was busy or read-only).
    case agendaRefreshed(complete: Bool)
}

/// What `update` asks the runtime to do; executed outside the pure core, results come back as actions.
public enum Effect: Sendable, Equatable {
    /// Counts and the slice starting at `start`.
    case loadAgenda(horizon: Int, attorney: String?, start: Int)
    case loadAgendaWindow(horizon: Int, attorney: String?, start: Int)
    case loadClients(filter: String, sort: ClientSort, start: Int)
    case loadClientWindow(filter: String, sort: ClientSort, start: Int)
    case loadClient(id: String)
    /// Save a client edited from `version` (nil: a new client); `before` is kept for undo.
    case saveClient(Client, version: Int?, before: Client?, message: String)
    case deleteClient(id: String, version: Int, before: Client)
    case undo(UndoEntry)
    case openDemo
    case importFile(path: String)
    /// Read an Entry-Exit Record file for review.
    case readRecordFile(path: String)
    /// Write a letter of an application to a file beside the store's exports.
    case writeLetter(clientId: String, applicationId: String, kind: String)
    case checkForChanges
    /// The office's attorneys, for the agenda's attorney filter.
    case loadAttorneys
    case quit
}
