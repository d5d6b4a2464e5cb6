import Foundation
import Testing
@testable import Interop

/// Garbage in never crashes or hangs the reader: it gives cards or an error.
@Suite struct VCardRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func read(_ data: Data) {
        _ = try? VCardReader.contacts(in: data, now: Fixture.now)
    }

    @Test func randomBytes() {
        var random = SplitMix(state: 42)
        for _ in 0..<300 {
            let count = Int.random(in: 0..<400, using: &random)
            read(Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }))
        }
    }

    @Test func mutatedRealCards() throws {
        // Bytes flipped, dropped and duplicated in a real file, biased to vCard's own characters.
        let original = [UInt8](try Fixture.data("v21-quoted-printable.vcf"))
            + [UInt8](try Fixture.data("v40.vcf"))
        let alphabet: [UInt8] = Array("=:;,.\\\r\n \t\"^-0123456789ABCDEFTVX".utf8) + [0x00, 0xC3, 0xFF]
        var random = SplitMix(state: 7)
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                }
            }
            read(Data(bytes))
        }
    }

    @Test func pathologicalShapes() throws {
        let huge = String(repeating: "é", count: 2_000_000)
        let cards = try VCardReader.contacts(in: "BEGIN:VCARD\nFN:\(huge)\nEND:VCARD\n", now: Fixture.now)
        #expect(cards.first?.contact.name.count == 2_000_000)

        // 100,000 continuation lines, and 100,000 quoted-printable soft breaks without a colon.
        read(Data(("BEGIN:VCARD\nNOTE:a\n" + String(repeating: " b\n", count: 100_000) + "END:VCARD\n").utf8))
        read(Data(("BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE" + String(repeating: "=\n", count: 100_000)).utf8))
        read(Data(("BEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:" + String(repeating: "=\n", count: 100_000)).utf8))
        read(Data(String(repeating: "BEGIN:VCARD\n", count: 50_000).utf8))
        read(Data(String(repeating: "END:VCARD\n", count: 50_000).utf8))
        read(Data(String(repeating: "\r", count: 100_000).utf8))
        read(Data("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\nEND:VCARD\n".utf8))
        read(Data("BEGIN:VCARD\nFN;PARAM=\"never closed:x\nEND:VCARD\n".utf8))
        read(Data("BEGIN:VCARD\n.:x\n;:y\n:z\nEND:VCARD\n".utf8))
        read(Data([0xFF, 0xFE, 0x00]))
        read(Data([0xFE, 0xFF, 0xD8, 0x00]))
    }

    @Test func manyCardsReadInOrder() throws {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person\r\nEND:VCARD\r\n"
        let contacts = try VCardReader.contacts(in: String(repeating: card, count: 5_000), now: Fixture.now)
        #expect(contacts.count == 5_000)
        #expect(contacts.last?.line == 4 * 4_999 + 1)
    }
}

/// A big file read in parts (on two cores) reads exactly as it does in one go.
@Suite struct VCardPartsTests {
    static func card(_ i: Int) -> String {
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \(i)\r\nNOTE:folded\r\n  note \(i)\r\nEMAIL:p\(i)@x.example\r\nEND:VCARD\r\n"
    }

    func sequential(_ data: Data) -> Result<[VCard], VCardError> {
        Result { () throws(VCardError) in try VCardReader.cards(in: data) }
    }

    func inParts(_ data: Data) -> (parts: Int, result: Result<[VCard], VCardError>) {
        let parts = VCardReader.parts(of: data, count: 2)
        var cards: [VCard] = []
        for part in parts {
            do throws(VCardError) {
                try VCardReader.forEachCard(in: part) { cards.append($0) }
            } catch {
                return (parts.count, .failure(error))
            }
        }
        return (parts.count, .success(cards))
    }

    @Test func partsReadAsTheWholeFile() throws {
        let text = (0..<20_000).map(Self.card).joined()
        let data = Data(text.utf8)
        let (count, result) = inParts(data)
        #expect(count == 2)
        let whole = try sequential(data).get()
        #expect(try result.get() == whole)
        #expect(whole.last?.line == 20_000 * 7 - 6)

        // An error in the second half is reported on the file's own line.
        var broken = (0..<20_000).map(Self.card)
        broken[15_000] = broken[15_000].replacingOccurrences(of: "FN:Person", with: "FN Person")
        let brokenData = Data(broken.joined().utf8)
        guard case .failure(let expected) = sequential(brokenData), case .failure(let got) = inParts(brokenData).result else {
            Issue.record("the broken file was read")
            return
        }
        #expect(got == expected)
        #expect(got.line == 15_000 * 7 + 3)
        // Lone CRs and LFs count lines the same way.
        let mixed = Data((0..<20_000).map { i in i % 2 == 0 ? Self.card(i) : Self.card(i).replacingOccurrences(of: "\r\n", with: "\n") }
            .joined().utf8)
        #expect(try inParts(mixed).result.get() == sequential(mixed).get())
    }
}
