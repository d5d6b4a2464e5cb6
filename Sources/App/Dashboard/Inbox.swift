import Synchronization

/// Actions posted by background work (writes, scoring) for the UI loop to
/// take on its next turn. The only state shared across threads.
final class Inbox: Sendable {
    private let pending = Mutex<[Action]>([])

    func post(_ action: Action) {
        pending.withLock { $0.append(action) }
    }

    func drain() -> [Action] {
        pending.withLock { actions in
            defer { actions.removeAll() }
            return actions
        }
    }
}
