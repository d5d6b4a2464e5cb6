import Domain
import Foundation
import UI

/// The dashboard's one state transition: `reduce(&state, action)` changes
/// state and returns the effects (writes, rescoring, quitting) for the
/// runtime to run. No I/O here, so every key sequence is testable as values.
public struct Reducer: Sendable {
    /// The moment a write is stamped with; injected so tests are repeatable.
    public var now: @Sendable () -> Date
    /// Completes a path typed in the import form (reads the file system; injected for tests).
    public var completePath: @Sendable (String) -> String

    public init(now: @escaping @Sendable () -> Date = { Date() },
                completePath: @escaping @Sendable (String) -> String = PathCompletion.complete) {
        self.now = now
        self.completePath = completePath
    }

    public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .command(let command):
            return perform(command, &state)
        case .searchInput(let input):
            editSearch(input, &state)
            return []
        case .formInput(let input):
            return editForm(input, &state)
        case .resized(let size):
            state.size = size
            return []
        case .libraryLoaded(let library):
            replaceLibrary(library, &state)
            return []
        case .writeFinished(let description, let undo, let isUndo):
            state.pendingWrites = max(0, state.pendingWrites - 1)
            if let undo, !isUndo { state.undo.append(undo) }
            if state.undo.count > 100 { state.undo.removeFirst(state.undo.count - 100) }
            state.message = StatusMessage(text: isUndo ? "undone: \(description)"
                                          : undo == nil ? description : "\(description) (u: undo)", isError: false)
            return [.rescore]
        case .writeFailed(let message):
            state.pendingWrites = max(0, state.pendingWrites - 1)
            state.message = StatusMessage(text: message, isError: true)
            return [.rescore]
        case .notice(let text):
            state.message = StatusMessage(text: text, isError: false)
            return []
        case .historyRead:
            return []
        case .alert(let text):
            state.message = StatusMessage(text: text, isError: true)
            return []
        }
    }

    // MARK: Commands

    private func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
        if state.helpVisible {
            switch command {
            case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown: break
            case .quit: return quit(&state)
            case .suspend: return [.suspend]
            default:
                state.helpVisible = false
                return []
            }
        }
        state.message = nil
        switch command {
        case .moveUp: move(.previous, &state)
        case .moveDown: move(.next, &state)
        case .top: move(.first, &state)
        case .bottom: move(.last, &state)
        case .pageUp: move(.pageUp, &state)
        case .pageDown: move(.pageDown, &state)
        case .nextPane, .previousPane:
            guard state.screen == nil, state.view == .dashboard else { break }
            let panes = Pane.allCases
            let step = command == .nextPane ? 1 : panes.count - 1
            state.focus = panes[(state.focus.rawValue + step) % panes.count]
        case .open: open(&state)
        case .back: back(&state)
        case .viewDashboard, .viewContacts, .viewPromises, .viewEvents, .viewSuggestions:
            let view: View = [.viewDashboard: .dashboard, .viewContacts: .contacts, .viewPromises: .promises,
                              .viewEvents: .events, .viewSuggestions: .suggestions][command]!
            state.stack.removeAll()
            if view != state.view { state.search = SearchState() }
            state.view = view
        case .search:
            state.search.typing = true
        case .addContact:
            state.form = state.selectedSuggestion.map(Forms.addContact(from:)) ?? Forms.addContact()
        case .importFile:
            state.form = Forms.importFile()
        case .edit:
            guard let id = needContact(&state), let contact = state.library?.contact(id) else { break }
            state.form = Forms.editContact(contact)
        case .logInteraction:
            guard let id = needContact(&state), let library = state.library else { break }
            state.form = Forms.logInteraction(with: library.name(of: id), contactID: id, shared: library.team != nil)
        case .addPromise:
            guard let id = needContact(&state), let library = state.library else { break }
            state.form = Forms.addPromise(to: library.name(of: id), contactID: id)
        case .snooze:
            guard let id = needContact(&state), let library = state.library else { break }
            state.form = Forms.snooze(library.name(of: id), contactID: id,
                                      current: library.attentionByID[id]?.snoozedUntil)
        case .toggleDone where state.view == .suggestions && state.screen == nil:
            return dismissSuggestion(&state)
        case .toggleDone:
            return toggleDone(&state)
        case .archive:
            guard let id = needContact(&state), let contact = state.library?.contactsByID[id] else { break }
            let archive = !contact.archived
            state.pendingWrites += 1
            return [.write(.setArchived(id, archive), description: "\(archive ? "archived" : "restored") \(contact.name)",
                           isUndo: false)]
        case .delete:
            guard let id = needContact(&state), let contact = state.library?.contactsByID[id] else { break }
            state.pendingWrites += 1
            return [.write(.deleteContact(id), description: "deleted \(contact.name), kept in the trash 30 days",
                           isUndo: false)]
        case .undo:
            guard let step = state.undo.popLast() else {
                state.message = StatusMessage(text: "nothing to undo", isError: false)
                break
            }
            state.pendingWrites += 1
            return [.write(step.write, description: step.description, isUndo: true)]
        case .sort:
            guard state.view == .contacts, state.screen == nil else { break }
            let all = ContactSort.allCases
            state.contactSort = all[(all.firstIndex(of: state.contactSort)! + 1) % all.count]
            state.message = StatusMessage(text: "sorted by \(state.contactSort.rawValue)", isError: false)
        case .filter:
            cycleFilter(&state)
        case .rescore:
            state.message = StatusMessage(text: "rescoring…", isError: false)
            return [.rescore]
        case .teamView:
            guard let team = state.library?.team else {
                state.message = StatusMessage(text: "the team view is for a team's book (--db postgres://…)", isError: true)
                break
            }
            guard team.me != nil else {
                state.message = StatusMessage(text: "the book's administrator is no member: the team's view only", isError: true)
                break
            }
            state.message = StatusMessage(text: team.showsEveryone
                ? "your view: your own touches and promises (t: the team's)"
                : "team view: anyone's touch counts (t: your own)", isError: false)
            return [.scoreTeam(!team.showsEveryone)]
        case .loadDemo:
            guard let library = state.library, library.isEmpty else {
                state.message = StatusMessage(text: "the demo loads only into an empty database", isError: true)
                break
            }
            state.pendingWrites += 1
            return [.write(.loadDemo, description: "demo data loaded", isUndo: false)]
        case .help:
            state.helpVisible = true
            state.lists[.help] = ListState(selected: 0)
        case .quit:
            return quit(&state)
        case .suspend:
            return [.suspend]
        }
        return []
    }

    private func quit(_ state: inout AppState) -> [Effect] {
        state.running = false
        return [.quit]
    }

    private func move(_ move: ListState.Move, _ state: inout AppState) {
        let id = state.activeList
        var list = state.list(id)
        list.select(move, count: state.count(id), visibleHeight: state.visibleRows(id))
        state.lists[id] = list
        // The timeline follows the selected contact from its first entry.
        if state.view == .dashboard, state.screen == nil, id != .timeline {
            state.lists[.timeline] = ListState(selected: 0)
        }
    }

    private func open(_ state: inout AppState) {
        if state.view == .events, state.screen == nil {
            guard let event = state.selectedEvent, let id = event.id else { return }
            state.stack.append(.eventPrep(id))
            state.lists[.eventPrep] = ListState(selected: 0)
            return
        }
        guard let id = state.selectedContactID else { return }
        if case .contact(id)? = state.screen { return }
        state.stack.append(.contact(id))
        state.lists[.contactDetail] = ListState(selected: 0)
    }

    private func back(_ state: inout AppState) {
        if !state.search.query.isEmpty {
            state.search = SearchState()
        } else if !state.stack.isEmpty {
            state.stack.removeLast()
        } else if state.view == .dashboard, state.focus != .attention {
            state.focus = .attention
        }
    }

    private func needContact(_ state: inout AppState) -> Int64? {
        guard let id = state.selectedContactID else {
            state.message = StatusMessage(text: "select a contact first", isError: true)
            return nil
        }
        return id
    }

    private func toggleDone(_ state: inout AppState) -> [Effect] {
        guard let promise = state.selectedPromise, let id = promise.id else {
            state.message = StatusMessage(text: "no open promise here", isError: true)
            return []
        }
        state.pendingWrites += 1
        let done = promise.isOpen
        return [.write(.setPromiseDone(id, done ? now() : nil),
                       description: "\(done ? "done" : "not done"): \(promise.text)", isUndo: false)]
    }

    /// x in view 5: the selected correspondent is not suggested again (u takes it back).
    private func dismissSuggestion(_ state: inout AppState) -> [Effect] {
        guard let suggestion = state.selectedSuggestion else {
            state.message = StatusMessage(text: "no suggestion here", isError: true)
            return []
        }
        state.pendingWrites += 1
        let who = suggestion.name.isEmpty ? suggestion.email : "\(suggestion.name) <\(suggestion.email)>"
        return [.write(.dismissSuggestion(email: suggestion.email), description: "dismissed \(who): not suggested again",
                       isUndo: false)]
    }

    private func cycleFilter(_ state: inout AppState) {
        guard state.screen == nil else { return }
        switch state.view {
        case .contacts:
            let order: [Circle?] = [nil] + Circle.allCases.map { Optional($0) }
            let index = order.firstIndex(of: state.circleFilter) ?? 0
            state.circleFilter = order[(index + 1) % order.count]
            state.lists[.contacts] = ListState(selected: 0)
            state.message = StatusMessage(text: "circle: \(state.circleFilter?.label ?? "all")", isError: false)
        case .promises:
            let all = PromiseFilter.allCases
            state.promiseFilter = all[(all.firstIndex(of: state.promiseFilter)! + 1) % all.count]
            state.lists[.promises] = ListState(selected: 0)
            state.message = StatusMessage(text: "promises: \(state.promiseFilter.rawValue)", isError: false)
        default:
            break
        }
    }

    // MARK: Search

    private func editSearch(_ input: TextInput, _ state: inout AppState) {
        let before = state.search.query
        switch input {
        case .insert(let c): state.search.query.append(c)
        case .backspace: if !state.search.query.isEmpty { state.search.query.removeLast() }
        case .submit: state.search.typing = false
        case .cancel: state.search = SearchState()
        case .move(let m): move(m, &state)
        default: break
        }
        if state.search.query != before {
            state.lists[state.activeList] = ListState(selected: 0)
            state.lists[.timeline] = ListState(selected: 0)
        }
    }

    // MARK: Forms

    private func editForm(_ input: TextInput, _ state: inout AppState) -> [Effect] {
        guard var session = state.form else { return [] }
        switch input {
        case .insert(let c):
            if case .choice = session.form.fields[session.form.focus].kind {
                if c == " " { session.form.cycleChoice() }
            } else {
                session.form.insert(c)
            }
        case .backspace: session.form.backspace()
        case .delete: session.form.delete()
        case .left:
            if case .choice = session.form.fields[session.form.focus].kind { session.form.cycleChoice(forward: false) }
            else { session.form.moveLeft() }
        case .right:
            if case .choice = session.form.fields[session.form.focus].kind { session.form.cycleChoice() }
            else { session.form.moveRight() }
        case .home: session.form.moveHome()
        case .end: session.form.moveEnd()
        case .next where session.purpose == .importFile:
            session.form.fields[0].value = completePath(session.form.fields[0].value)
            session.form.moveEnd()
        case .next, .move(.next): session.form.focusNext()
        case .previous, .move(.previous): session.form.focusPrevious()
        case .move: break
        case .cancel:
            state.form = nil
            state.message = StatusMessage(text: "cancelled, nothing saved", isError: false)
            return []
        case .submit:
            guard let library = state.library else { return [] }
            switch Forms.validate(session, library: library, now: now()) {
            case .invalid(let checked):
                state.form = checked
                return []
            case .valid(.importFile(let path), let description):
                state.form = nil
                state.pendingWrites += 1
                state.message = StatusMessage(text: description, isError: false)
                return [.importFile(path)]
            case .valid(let write, let description):
                state.form = nil
                state.pendingWrites += 1
                return [.write(write, description: description, isUndo: false)]
            }
        }
        state.form = session
        return []
    }

    // MARK: New data

    /// Swaps in a rescored library, keeping each selection on the same
    /// contact or promise when it is still there.
    private func replaceLibrary(_ library: Library, _ state: inout AppState) {
        let keepAttention = state.attentionItems.element(at: state.list(.attention).selected)?.contactID
        let keepContact = state.contactItems.element(at: state.list(.contacts).selected)
        let keepPane = state.promisePaneItems.element(at: state.list(.promisePane).selected)?.id
        let keepPromise = state.promiseItems.element(at: state.list(.promises).selected)?.id
        let keepSuggestion = state.suggestionItems.element(at: state.list(.suggestions).selected)?.email
        state.library = library
        reselect(.attention, state.attentionItems.firstIndex { $0.contactID == keepAttention }, &state)
        reselect(.contacts, state.contactItems.firstIndex { $0 == keepContact }, &state)
        reselect(.promisePane, state.promisePaneItems.firstIndex { $0.id == keepPane }, &state)
        reselect(.promises, state.promiseItems.firstIndex { $0.id == keepPromise }, &state)
        reselect(.suggestions, state.suggestionItems.firstIndex { $0.email == keepSuggestion }, &state)
        if case .contact(let id)? = state.screen, library.contactsByID[id] == nil { state.stack.removeLast() }
        if case .eventPrep(let id)? = state.screen, !library.events.contains(where: { $0.id == id }) {
            state.stack.removeLast()
        }
    }

    private func reselect(_ id: ListID, _ index: Int?, _ state: inout AppState) {
        var list = state.list(id)
        let count = state.count(id)
        if let index {
            list.select(index: index, count: count, visibleHeight: state.visibleRows(id))
        } else if list.selected.map({ $0 >= count }) ?? (count > 0) {
            // Past the end, or nothing selected yet (a list that was empty).
            list.select(index: min(list.selected ?? 0, count - 1), count: count, visibleHeight: state.visibleRows(id))
        }
        state.lists[id] = list
    }
}

extension RandomAccessCollection where Index == Int {
    func element(at index: Int?) -> Element? {
        guard let index, indices.contains(index) else { return nil }
        return self[index]
    }
}
