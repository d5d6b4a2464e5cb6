import Domain
import Foundation

/// A change to the relationship book, as the dashboard asks for it. Each
/// write, once done, yields the write that undoes it.
public enum Write: Hashable, Sendable {
    case addContact(Contact)
    case updateContact(Contact)
    /// Moves the contact to the trash (kept 30 days); undone by `restoreContact`.
    case deleteContact(Int64)
    /// Brings back the trash entry with this id, with everything deleted with it.
    case restoreContact(trashID: Int64)
    case setArchived(Int64, Bool)
    case logInteraction(Interaction)
    case deleteInteraction(Int64)
    case addPromise(Promise)
    case deletePromise(Int64)
    case setPromiseDone(Int64, Date?)
    case snooze(Int64, Day?)
    /// Never suggests this address again (view 5's `x`); undone by `undismissSuggestion`.
    case dismissSuggestion(email: String)
    case undismissSuggestion(email: String)
    case loadDemo
    /// What the import form asks for; the reducer runs it as `Effect.importFile`, never as a store write.
    case importFile(String)
}

/// What `reduce` asks the runtime to do; results come back as actions.
public enum Effect: Hashable, Sendable {
    case write(Write, description: String, isUndo: Bool)
    /// Imports a file (vCard, CSV, JSON backup) off the UI thread; the result comes back as `writeFinished`.
    case importFile(String)
    case rescore
    /// On a team's book: score the team's view (true) or the member's own (false).
    case scoreTeam(Bool)
    case suspend
    case quit
}
