import CNcursesw
import UI

/// Turns what `wget_wch` returned into a `Key`, or nil for nothing usable
/// (a timeout, an unmapped function key, a C1 control, Ctrl-@).
///
/// - Parameters:
///   - status: `wget_wch`'s result: `OK` (a character), `KEY_CODE_YES` (a
///     function key), `ERR` (nothing).
///   - code: the character or key code it stored.
///
/// In raw mode Ctrl-C and Ctrl-Z arrive here as characters 3 and 26, i.e.
/// `.control("c")` and `.control("z")`. Ctrl-H, Ctrl-I, Ctrl-J and Ctrl-M send
/// the same bytes as Backspace, Tab and Enter, and decode as those.
public func decodeKey(status: Int32, code: UInt32) -> Key? {
    switch status {
    case OK: return decodeCharacter(code)
    case KEY_CODE_YES: return decodeFunctionKey(Int32(bitPattern: code))
    default: return nil
    }
}

private func decodeCharacter(_ code: UInt32) -> Key? {
    switch code {
    case 13, 10: return .enter
    case 9: return .tab
    case 27: return .escape
    case 127, 8: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
    case 0..<0x20, 0x80..<0xA0: return nil
    default:
        guard let scalar = Unicode.Scalar(code) else { return nil }
        return .character(Character(scalar))
    }
}

private func decodeFunctionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_IC: return .insert
    case KEY_DC: return .delete
    case KEY_BACKSPACE: return .backspace
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
    default: return nil
    }
}
