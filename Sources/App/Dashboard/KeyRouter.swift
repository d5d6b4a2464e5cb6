import UI

/// Turns a key into an action for the current mode: a form or the search
/// field takes typing; everything else goes through the keymap. The
/// reducer never sees raw keys.
public enum KeyRouter {
    public static func action(for key: Key, in state: AppState) -> Action? {
        if key == .resize { return nil }
        if state.form != nil { return textInput(key, form: true).map(Action.formInput) }
        if state.search.typing {
            switch key {
            case .up: return .searchInput(.move(.previous))
            case .down: return .searchInput(.move(.next))
            case .pageUp: return .searchInput(.move(.pageUp))
            case .pageDown: return .searchInput(.move(.pageDown))
            case .control("c"): return .command(.quit)
            default: return textInput(key, form: false).map(Action.searchInput)
            }
        }
        return state.keymap.command(for: key).map(Action.command)
    }

    private static func textInput(_ key: Key, form: Bool) -> TextInput? {
        switch key {
        case .character(let c): return .insert(c)
        case .backspace, .control("h"): return .backspace
        case .delete: return .delete
        case .left: return .left
        case .right: return .right
        case .home, .control("a"): return .home
        case .end, .control("e"): return .end
        case .tab: return form ? .next : nil
        case .backTab: return form ? .previous : nil
        case .up: return form ? .previous : nil
        case .down: return form ? .next : nil
        case .enter: return .submit
        case .escape, .control("c"), .control("g"): return .cancel
        default: return nil
        }
    }
}
