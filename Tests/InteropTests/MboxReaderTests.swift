import Foundation
import Interop
import Testing

/// Streaming mbox files: boundaries, quoting, CRLF, resuming after an append.
@Suite struct MboxReaderTests {
    static func messages(_ path: String, from offset: UInt64 = 0, chunkSize: Int = 1 << 20) throws
        -> (messages: [MboxReader.Message], end: UInt64) {
        var reader = try MboxReader(path: path, from: offset, chunkSize: chunkSize)
        var messages: [MboxReader.Message] = []
        while let message = try reader.next() { messages.append(message) }
        return (messages, reader.endOffset)
    }

    static func subjects(_ messages: [MboxReader.Message]) throws -> [String] {
        try messages.map { try MailHeaderParser.parse($0.header).subject }
    }

    @Test func gmailTakeout() throws {
        let path = MailFixture.path("takeout.mbox")
        let file = try MailFixture.bytes("takeout.mbox")
        let (messages, end) = try Self.messages(path)
        // `>From ` and a "From " line after a non-blank line are body text.
        #expect(try Self.subjects(messages) == ["lunch", "Re: lunch", "thanks"])
        #expect(messages[0].offset == 0)
        let second = String(decoding: file[Int(messages[1].offset)...].prefix(30), as: UTF8.self)
        #expect(second.hasPrefix("From 1791234567890123999@xxx"))
        #expect(end == UInt64(file.count))
        // The header stops before the blank line; the last message has no final newline.
        #expect(String(decoding: messages[0].header, as: UTF8.self).hasSuffix("To: Ana Lima <ana.lima@gmail.example>\n"))
        let last = try MailHeaderParser.parse(messages[2].header)
        #expect(last.messageID == "priya-3@raman.example")
        #expect(try MailHeaderParser.parse(messages[1].header).references == ["CAKx=one@mail.gmail.com"])
    }

    @Test func thunderbirdCRLF() throws {
        let (messages, _) = try Self.messages(MailFixture.path("thunderbird.mbox"))
        #expect(try Self.subjects(messages) == ["first", "second"])
        #expect(try MailHeaderParser.parse(messages[0].header).from.first?.name == "O'Brien, Sean")
        #expect(messages[0].header.last == 0x0A)
    }

    @Test func resumesAfterAnAppend() throws {
        let scratch = MailFilesTests.Scratch()
        let path = scratch.path + "/inbox.mbox"
        var file = try MailFixture.bytes("takeout.mbox")
        scratch.write("inbox.mbox", file)
        let (first, end) = try Self.messages(path)
        #expect(first.count == 3)
        file += Array("\n\nFrom MAILER-DAEMON Thu Mar 12 08:00:00 2026\nFrom: kofi@mensah.example\nSubject: new one\n\nHi\n".utf8)
        scratch.write("inbox.mbox", file)
        let (appended, newEnd) = try Self.messages(path, from: end)
        #expect(try Self.subjects(appended) == ["new one"])
        #expect(newEnd == UInt64(file.count))
        // From a message's own offset, it and those after it.
        let (fromSecond, _) = try Self.messages(path, from: first[1].offset)
        #expect(try Self.subjects(fromSecond) == ["Re: lunch", "thanks", "new one"])
        // From inside a body, the next message.
        let (fromBody, _) = try Self.messages(path, from: first[0].offset + UInt64(first[0].header.count) + 80)
        #expect(try Self.subjects(fromBody) == ["Re: lunch", "thanks", "new one"])
    }

    @Test func bodyLinesThatLookLikeBoundaries() throws {
        let scratch = MailFilesTests.Scratch()
        let text = """
            From ana@lima.example Mon Mar  9 10:00:00 2026
            Subject: one

            From my side, all good.

            >From the archive:
            >>From deeper quoting

            From a@b.example Mon Mar  9 11:00:00 2026
            Subject: two

            """
        scratch.write("m.mbox", text)
        let (messages, _) = try Self.messages(scratch.path + "/m.mbox")
        #expect(try Self.subjects(messages) == ["one", "two"])
    }

    @Test func manyMessagesAcrossSmallChunks() throws {
        let scratch = MailFilesTests.Scratch()
        var file = [UInt8]()
        var offsets: [UInt64] = []
        for index in 0..<1500 {
            offsets.append(UInt64(file.count))
            let ending = index % 2 == 0 ? "\n" : "\r\n"
            var lines = ["From sender@x.example Mon Mar  9 10:\(String(format: "%02d", index % 60)):00 2026",
                         "Message-ID: <m\(index)@x.example>", "Subject: number \(index)", ""]
            for line in 0..<(index % 40) {
                lines.append(line % 7 == 0 ? ">From the body \(line)" : line % 11 == 0 ? "" : "body line \(line) of \(index)")
            }
            lines.append("")
            file += Array(lines.joined(separator: ending).utf8)
            file += Array(ending.utf8)
        }
        scratch.write("big.mbox", file)
        let (messages, end) = try Self.messages(scratch.path + "/big.mbox", chunkSize: 4096)
        #expect(messages.count == 1500)
        #expect(messages.map(\.offset) == offsets)
        #expect(try messages.enumerated().allSatisfy { try MailHeaderParser.parse($1.header).messageID == "m\($0)@x.example" })
        #expect(end == UInt64(file.count))
    }

    @Test func tooLargeHeaderCostsOnlyItsMessage() throws {
        let scratch = MailFilesTests.Scratch()
        var text = "From a@b.example Mon Mar  9 10:00:00 2026\nSubject: huge\n"
        text += String(repeating: "X-Pad: 0123456789abcdef\n", count: 12_000)
        text += "\nbody\n\nFrom a@b.example Mon Mar  9 11:00:00 2026\nSubject: after\n\nbody\n"
        scratch.write("m.mbox", text)
        let (messages, _) = try Self.messages(scratch.path + "/m.mbox", chunkSize: 8192)
        #expect(messages.count == 2)
        #expect(messages[0].header.count == MailHeaderParser.headerLimit + 1)
        #expect(throws: MailHeaderProblem.tooLarge(MailHeaderParser.headerLimit)) { try MailHeaderParser.parse(messages[0].header) }
        #expect(try MailHeaderParser.parse(messages[1].header).subject == "after")
    }

    @Test func emptyAndNotMbox() throws {
        let scratch = MailFilesTests.Scratch()
        scratch.write("empty.mbox", "")
        scratch.write("text.mbox", "no mail here\nat all\n")
        #expect(try Self.messages(scratch.path + "/empty.mbox").messages.isEmpty)
        #expect(try Self.messages(scratch.path + "/text.mbox").messages.isEmpty)
        #expect(throws: MailFileError.self) { try MboxReader(path: scratch.path + "/missing.mbox") }
    }
}
