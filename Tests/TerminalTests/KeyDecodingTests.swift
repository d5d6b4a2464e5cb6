import CNcursesw
import Testing
import UI
@testable import Terminal

@Suite struct KeyDecodingTests {
    private func character(_ code: UInt32) -> Key? { decodeKey(status: OK, code: code) }
    private func function(_ code: Int32) -> Key? { decodeKey(status: KEY_CODE_YES, code: UInt32(code)) }

    @Test func printableCharacters() {
        #expect(character(UInt32(UInt8(ascii: "j"))) == .character("j"))
        #expect(character(UInt32(UInt8(ascii: " "))) == .character(" "))
        #expect(character(0xE9) == .character("é"))
        #expect(character(0x738B) == .character("王"))
        #expect(character(0x1F389) == .character("🎉"))
    }

    @Test func controlLettersIncludingCtrlCAndCtrlZ() {
        #expect(character(3) == .control("c"))
        #expect(character(26) == .control("z"))
        #expect(character(1) == .control("a"))
        #expect(character(18) == .control("r"))
    }

    @Test func keysThatShareBytesWithControlLetters() {
        #expect(character(13) == .enter)
        #expect(character(10) == .enter)
        #expect(function(KEY_ENTER) == .enter)
        #expect(character(9) == .tab)
        #expect(function(KEY_BTAB) == .backTab)
        #expect(character(127) == .backspace)
        #expect(character(8) == .backspace)
        #expect(function(KEY_BACKSPACE) == .backspace)
        #expect(character(27) == .escape)
    }

    @Test func navigationAndEditingKeys() {
        #expect(function(KEY_UP) == .up)
        #expect(function(KEY_DOWN) == .down)
        #expect(function(KEY_LEFT) == .left)
        #expect(function(KEY_RIGHT) == .right)
        #expect(function(KEY_HOME) == .home)
        #expect(function(KEY_END) == .end)
        #expect(function(KEY_PPAGE) == .pageUp)
        #expect(function(KEY_NPAGE) == .pageDown)
        #expect(function(KEY_IC) == .insert)
        #expect(function(KEY_DC) == .delete)
        #expect(function(KEY_RESIZE) == .resize)
    }

    @Test func functionKeysOneToTwelve() {
        for n in 1...12 { #expect(function(rapport_key_f(Int32(n))) == .function(n)) }
        #expect(function(rapport_key_f(13)) == nil)
        #expect(function(rapport_key_f(0)) == nil)
    }

    @Test func nothingUsable() {
        #expect(decodeKey(status: ERR, code: 65) == nil)
        #expect(character(0) == nil)
        #expect(character(28) == nil)
        #expect(character(0x9B) == nil)  // C1 CSI
        #expect(character(0xD800) == nil)  // not a scalar
        #expect(function(KEY_MOUSE) == nil)
    }
}
