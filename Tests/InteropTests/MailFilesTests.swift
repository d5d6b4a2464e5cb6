import Foundation
import Interop
import Testing

/// Reading header bytes from files, telling sources apart, listing maildirs.
@Suite struct MailFilesTests {
    /// A fresh folder under the temp folder, removed when released.
    final class Scratch {
        let path = NSTemporaryDirectory() + "rapport-mail-" + UUID().uuidString

        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ relative: String, _ bytes: [UInt8]) {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        }

        func write(_ relative: String, _ text: String) { write(relative, Array(text.utf8)) }

        func folder(_ relative: String) {
            try? FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
        }
    }

    @Test func headerBytesStopAtTheBlankLine() throws {
        let bytes = try MailFiles.headerBytes(ofFileAt: MailFixture.path("mutt.eml"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("User-Agent: Mutt/2.2.12 (2023-09-09)\n"))
        #expect(!text.contains("Tuesday"))
        let crlf = try MailFiles.headerBytes(ofFileAt: MailFixture.path("thunderbird.eml"))
        #expect(String(decoding: crlf, as: UTF8.self).hasSuffix("8bit\r\n"))
    }

    @Test func blankLineAcrossTwoReads() throws {
        let scratch = Scratch()
        // Put the blank line's bytes on each side of the first read's end.
        for shift in -3...2 {
            var header = Array("From: ana@lima.example\n".utf8)
            let padding = MailFiles.chunkSize + shift - header.count - "X-Pad: \n".utf8.count
            header += Array("X-Pad: \(String(repeating: "p", count: padding))\n".utf8)
            for ending in ["\n", "\r\n"] {
                scratch.write("m.eml", header + Array(ending.utf8) + Array(String(repeating: "body\n", count: 10_000).utf8))
                let read = try MailFiles.headerBytes(ofFileAt: scratch.path + "/m.eml")
                #expect(read == header, "shift \(shift)")
            }
        }
    }

    @Test func endlessHeaderIsCutJustPastTheLimit() throws {
        let scratch = Scratch()
        scratch.write("big.eml", "From: a@b.example\n" + String(repeating: "X-Pad: 0123456789\n", count: 20_000))
        let bytes = try MailFiles.headerBytes(ofFileAt: scratch.path + "/big.eml")
        #expect(bytes.count == MailHeaderParser.headerLimit + 1)
        #expect(throws: MailHeaderProblem.tooLarge(MailHeaderParser.headerLimit)) { try MailHeaderParser.parse(bytes) }
    }

    @Test func unreadableFileSaysWhy() {
        let path = NSTemporaryDirectory() + "rapport-missing-\(UUID().uuidString).eml"
        #expect {
            try MailFiles.headerBytes(ofFileAt: path)
        } throws: { error in
            let message = "\(error)"
            return message.contains(path) && message.contains("No such file")
        }
    }

    @Test func kinds() {
        let scratch = Scratch()
        scratch.folder("plain/cur")
        scratch.folder("plain/new")
        scratch.folder("mbsync/INBOX/cur")
        scratch.folder("empty")
        scratch.write("archive", "From ana@lima.example Mon Mar  9 10:00:00 2026\nFrom: ana@lima.example\n\n")
        scratch.write("saved.eml", "Hello, this is no header\n")
        scratch.write("message", "Return-Path: <a@b.example>\nFrom: a@b.example\n\n")
        scratch.write("notes.txt", "shopping list\n")
        #expect(MailFiles.kind(ofPath: scratch.path + "/plain") == .maildir)
        #expect(MailFiles.kind(ofPath: scratch.path + "/mbsync") == .maildir)
        #expect(MailFiles.kind(ofPath: scratch.path + "/empty") == .unknown)
        #expect(MailFiles.kind(ofPath: scratch.path + "/archive") == .mbox)
        #expect(MailFiles.kind(ofPath: scratch.path + "/saved.eml") == .eml)
        #expect(MailFiles.kind(ofPath: scratch.path + "/message") == .eml)
        #expect(MailFiles.kind(ofPath: scratch.path + "/notes.txt") == .unknown)
        #expect(MailFiles.kind(ofPath: scratch.path + "/nothing-here") == .unknown)
        #expect(MailFiles.kind(ofPath: MailFixture.path("takeout.mbox")) == .mbox)
    }

    @Test func maildirPlusPlusTree() throws {
        let scratch = Scratch()
        let message = "From: a@b.example\n\nBody\n"
        scratch.write("cur/1700000000.M1P2.host,S=1234,W=1300:2,RS", message)
        scratch.write("new/1700000100.M3P4.host", message)
        scratch.write("tmp/1700000200.M5P6.host", message)
        scratch.write("cur/.hidden", message)
        scratch.write("dovecot-uidlist", "3 V1 N4\n")
        scratch.write(".Sent/cur/1700000300.123_1.host:2,S", message)
        scratch.folder(".Sent/new")
        scratch.folder(".Sent/tmp")
        scratch.write(".Archive.2024/cur/1600000000.1.host:2,", message)
        scratch.write(".Drafts/tmp/1700000400.1.host", message)
        let messages = try MailFiles.maildirMessages(under: scratch.path)
        #expect(messages.map(\.path) == [".Archive.2024/cur/1600000000.1.host:2,", ".Sent/cur/1700000300.123_1.host:2,S",
                                         "cur/1700000000.M1P2.host,S=1234,W=1300:2,RS", "new/1700000100.M3P4.host"])
        #expect(messages.map(\.folder) == [".Archive.2024", ".Sent", "", ""])
        #expect(messages.map(\.isNew) == [false, false, false, true])
        #expect(messages.map(\.uniqueName) == ["1600000000.1.host", "1700000300.123_1.host",
                                               "1700000000.M1P2.host,S=1234,W=1300", "1700000100.M3P4.host"])
    }

    @Test func mbsyncNestedTree() throws {
        let scratch = Scratch()
        let message = "From: a@b.example\n\nBody\n"
        scratch.write("INBOX/cur/1700000000.10_1.host,U=42:2,S", message)
        scratch.write("Sent/cur/1700000001.11_1.host,U=7:2,S", message)
        scratch.write("Archive/2024/cur/1700000002.12_1.host,U=3:2,", message)
        scratch.write("Archive/2024/new/1700000003.13_1.host,U=4", message)
        let messages = try MailFiles.maildirMessages(under: scratch.path + "/")
        #expect(messages.map(\.path) == ["Archive/2024/cur/1700000002.12_1.host,U=3:2,",
                                         "Archive/2024/new/1700000003.13_1.host,U=4",
                                         "INBOX/cur/1700000000.10_1.host,U=42:2,S", "Sent/cur/1700000001.11_1.host,U=7:2,S"])
        #expect(messages.map(\.folder) == ["Archive/2024", "Archive/2024", "INBOX", "Sent"])
        // The header is read through the listed path.
        let header = try MailHeaderParser.parse(MailFiles.headerBytes(ofFileAt: scratch.path + "/" + messages[2].path))
        #expect(header.from.map(\.email) == ["a@b.example"])
    }

    @Test func missingRootIsAnError() {
        #expect(throws: MailFileError.self) {
            try MailFiles.maildirMessages(under: NSTemporaryDirectory() + "rapport-none-\(UUID().uuidString)")
        }
    }

    @Test func uniqueNames() {
        #expect(MailFiles.uniqueName(ofFileName: "1700000000.M1P2.host:2,RS") == "1700000000.M1P2.host")
        #expect(MailFiles.uniqueName(ofFileName: "1700000000.M1P2.host!2,S") == "1700000000.M1P2.host")
        #expect(MailFiles.uniqueName(ofFileName: "1700000000.M1P2.host") == "1700000000.M1P2.host")
        #expect(MailFiles.uniqueName(ofFileName: "odd:3,x") == "odd:3,x")
    }
}
