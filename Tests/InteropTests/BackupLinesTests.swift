import Domain
import Foundation
import Testing
@testable import Interop

/// The version 2 backup: JSON Lines written by hand, read a line at a time.
@Suite struct BackupLinesTests {
    static let at = Date(timeIntervalSince1970: 1_773_133_200.25)

    /// A book with every field set, and text that needs escaping.
    static var book: BookBackup {
        var ana = Contact(id: 1, name: "Ana \"Quill\" Lima", nickname: "Ani", company: "Quill\\Health", title: "CTO",
                          emails: ["ana@quill.example", "ana@mail.example"], phones: ["+34 600 12 34 56"], circle: .inner,
                          cadenceOverride: Cadence(idealDays: 7, maximumDays: 14), tags: ["founder", "lisbon"],
                          birthday: RecurringDate(month: 2, day: 29), anniversary: RecurringDate(month: 5, day: 17, year: 2019),
                          metAt: "Web Summit", metOn: Day(year: 2025, month: 11, day: 12), metVia: "Bo",
                          drives: "Line one\nline two\ttabbed", notes: "Zoë 王芳 😀 \u{1}control / slash", archived: true,
                          createdAt: at, updatedAt: at.addingTimeInterval(60.000001))
        ana.updatedAt = at.addingTimeInterval(61)
        let bo = Contact(id: 3, name: "Bo", createdAt: at)
        return BookBackup(
            contacts: [ImportedContact(contact: ana, uid: "urn:uuid:1", emailTypes: [["work"], []], phoneTypes: [["cell", "voice"]],
                                       extras: ["URL": ["https://ana.example"], "X-SOCIAL": ["@ana", "b\"c"]], line: 0),
                       ImportedContact(contact: bo, uid: nil, line: 0)],
            interactions: [Interaction(id: 5, occurredAt: at, kind: .favourAsked, summary: "Asked for an intro", notes: "n",
                                       contactIDs: [1, 3]),
                           Interaction(id: 9, occurredAt: at.addingTimeInterval(-86_400), kind: .gift, contactIDs: [3])],
            promises: [Promise(id: 2, contactID: 1, text: "send the deck", owner: .theirs, due: Day(year: 2026, month: 4, day: 1),
                               createdAt: at, interactionID: 5, doneAt: at.addingTimeInterval(3600)),
                       Promise(id: 4, contactID: 3, text: "call", createdAt: at)],
            events: [Event(id: 7, name: "Dinner", start: at, location: "Lisbon", notes: "", attendeeIDs: [3, 1])],
            snoozes: [Snooze(contactID: 3, until: Day(year: 2026, month: 3, day: 20)!)])
    }

    @Test func everyFieldRoundTrips() throws {
        let data = Self.book.encodedLines(exportedAt: Self.at)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("{\"counts\":{\"contacts\":2,\"events\":1,\"interactions\":2,\"promises\":2,\"snoozes\":1}") == true)
        #expect(lines.first?.hasSuffix("\"version\":2}") == true)
        #expect(lines.count == 1 + 8 + 1, "one line a record, and a final newline")
        var decoded = try BookBackup.decode(data)
        for i in decoded.contacts.indices { decoded.contacts[i].line = 0 }
        #expect(decoded == Self.book)
        // Every line is valid JSON with sorted keys, and the fast parser reads what JSONDecoder reads.
        for line in lines.dropFirst() where !line.isEmpty {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] != nil)
            #expect(BackupLineParser.record(ArraySlice(Array(line.utf8))) != nil, "\(line)")
        }
    }

    @Test func linesWrittenDifferentlyStillRead() throws {
        // Spaces, another key order, escaped characters, an unknown key: the decoder's path.
        let text = """
            {"version": 2, "exported_at": "2026-03-10T09:00:00Z", "counts": {"contacts": 1, "interactions": 1, "promises": 0, "events": 0, "snoozes": 0}}
            { "type" : "contact", "id": 4, "name": "Jos\\u00e9 \\ud83d\\ude00", "nickname": "", "company": "", "title": "", "emails": [], "phones": [],
              "circle": "network", "tags": [], "met_at": "", "met_via": "", "drives": "", "notes": "", "archived": false,
              "created_at": "2026-03-10T09:00:00.5Z", "updated_at": "2026-03-10T09:00:00Z", "future_key": [1.5] }
            {"type":"interaction","id":1,"occurred_at":"2026-03-10T09:00:00Z","kind":"call","direction":"give","summary":"","notes":"","contact_ids":[4]}

            """.replacingOccurrences(of: "\n  ", with: " ")
        let backup = try BookBackup.decode(Data(text.utf8))
        #expect(backup.contacts.map(\.contact.name) == ["José 😀"])
        #expect(backup.contacts.first?.contact.createdAt == Date(timeIntervalSince1970: 1_773_133_200.5))
        #expect(backup.interactions.first?.direction == .give)
    }

    @Test func brokenFilesAreRefusedOnTheirLine() throws {
        let good = String(decoding: Self.book.encodedLines(exportedAt: Self.at), as: UTF8.self)
        var lines = good.split(separator: "\n").map(String.init)
        func refusal(_ text: String) -> ImportIssue? {
            do {
                _ = try BookBackup.decode(Data(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        // Cut between two lines: the counts tell.
        let truncated = refusal(lines.dropLast().joined(separator: "\n") + "\n")
        #expect(truncated?.line == 9)
        #expect(truncated?.reason.contains("is it truncated?") == true, "\(String(describing: truncated))")
        // Cut inside a line.
        let cut = refusal(String(good.dropLast(30)))
        #expect(cut?.line == 9, "\(String(describing: cut))")
        // A damaged line in the middle, a record out of order, an unknown type, a wrong value.
        var damaged = lines
        damaged[3] = "{\"type\":\"interaction\",\"id\":"
        #expect(refusal(damaged.joined(separator: "\n"))?.line == 4)
        damaged = lines
        damaged.swapAt(2, 4)
        #expect(refusal(damaged.joined(separator: "\n"))?.reason.contains("order") == true)
        damaged = lines
        damaged[5] = "{\"type\":\"wish\"}"
        #expect(refusal(damaged.joined(separator: "\n"))?.reason.contains("unknown record type \"wish\"") == true)
        damaged = lines
        damaged[4] = damaged[4].replacingOccurrences(of: "\"kind\":\"gift\"", with: "\"kind\":\"bribe\"")
        let kind = refusal(damaged.joined(separator: "\n"))
        #expect(kind?.line == 5 && kind?.reason.contains("kind") == true, "\(String(describing: kind))")
        // Another version, a header without counts.
        lines[0] = "{\"version\":3}"
        #expect(refusal(lines.joined(separator: "\n"))?.reason.contains("version 3 is not supported") == true)
        #expect(refusal("{\"version\":2}\n")?.line == 1)
    }

    /// The reader asks for the file a chunk at a time and gives the first
    /// record long before the last chunk is read: what it holds is bounded
    /// by a chunk and a line, not by the file.
    @Test func readerConsumesTheFileAChunkAtATime() throws {
        var book = Self.book
        let template = book.interactions[0]
        book.interactions = (1...2000).map { var i = template; i.id = Int64($0 + 100); return i }
        let bytes = [UInt8](book.encodedLines(exportedAt: Self.at))
        var offset = 0
        var chunksRead = 0
        var reader = BackupLineReader(chunks: {
            guard offset < bytes.count else { return nil }
            defer { offset += 4096 }
            chunksRead += 1
            return Data(bytes[offset..<min(bytes.count, offset + 4096)])
        })
        #expect(try reader.header()?.interactions == 2000)
        _ = try reader.next()
        #expect(chunksRead <= 2, "the first record needs the first chunk or two, not \(chunksRead) of \(bytes.count / 4096 + 1)")
        var records = 1
        while try reader.next() != nil { records += 1 }
        #expect(records == 2 + 2000 + 2 + 1 + 1)
        #expect(chunksRead == (bytes.count + 4095) / 4096)
    }

    @Test func versionOneStillReads() throws {
        var decoded = try BookBackup.decode(Self.book.encoded(exportedAt: Self.at))
        for i in decoded.contacts.indices { decoded.contacts[i].line = 0 }
        #expect(decoded == Self.book)
    }
}
