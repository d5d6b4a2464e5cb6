import Domain
import Foundation

/// A deterministic mailbox for capture benchmarks: the same seed and size
/// give the same messages, written as a Maildir++ tree or a Gmail Takeout
/// style mbox.
///
/// Shape per N messages: 70 % received (INBOX, a tenth of them still in
/// `new/`), 30 % sent (`.Sent/cur`); 40 % start a thread, the rest reply
/// in a recent one (References and In-Reply-To); 5 % list mail, 2 % no-reply
/// notifications; names and subjects with accents as encoded words (Q as
/// Thunderbird writes them, B as Gmail does); headers of 1–3 KB with the
/// Received, DKIM and ARC fields real mail carries, and short bodies.
struct MailDataSet {
    let messageCount: Int
    let me: String
    let correspondents: [(name: String, email: String)]
    let seed: UInt64

    /// The newest message's date (2026-01-15 12:00 UTC, as DataSet's
    /// reference); older ones go back about three years.
    static let reference = Date(timeIntervalSince1970: 1_768_478_400)

    static let topics = ["coffee next week?", "the pilot proposal", "Café on Thursday", "intro to the team",
                         "Präsentation für Dienstag", "Déjeuner jeudi ?", "Reunião de terça-feira", "hiring plan",
                         "pricing deck", "notes from the call", "Zürich trip", "quick question", "thank you!",
                         "Q3 numbers", "your talk at the meetup", "Spotkanie w Łodzi", "board prep", "a small favour"]
    static let bodies = ["Hi,\n\nThanks for yesterday. Shall we pick this up next week?\n\nBest,\n",
                         "Hello,\n\nAttached the notes. From my side, all good.\nFrom here on it is your call.\n\nCheers\n",
                         "Quick one: does Tuesday at 10 still work?\n\n> On Monday you wrote:\n> sounds good\n\n",
                         "Dear all,\n\nplease find the agenda below.\n\n1. Numbers\n2. Hiring\n3. Anything else\n\nThanks,\n"]

    /// One message's bytes, by index (0 is the oldest), and whether it is one I sent.
    func message(_ index: Int, postmark: Bool = false) -> (bytes: [UInt8], sent: Bool, date: Date) {
        var random = DataSet.Random(state: seed &+ UInt64(index) &* 0x9E37_79B9)
        let span = 3 * 365 * 86_400.0
        let date = Self.reference.addingTimeInterval(-span * Double(messageCount - index) / Double(max(messageCount, 1))
                                                     + Double(random.int(0..<600)))
        let kind = random.int(0..<100)
        let isList = kind < 5, isNotice = kind >= 5 && kind < 7
        let sent = !isList && !isNotice && random.chance(0.3)
        let other = correspondents[random.int(0..<correspondents.count)]
        let thread = Self.thread(of: index, random: &random)
        let topic = Self.topics[thread % Self.topics.count]
        let replies = index - thread
        let gmailStyle = random.chance(0.5)

        var h = MailWriter(capacity: 3072)
        if postmark {
            h.line("From \(1_790_000_000_000_000_000 + UInt64(thread))@xxx \(Self.asctime(date))")
            h.line("X-GM-THRID: \(1_790_000_000_000_000_000 + UInt64(thread))")
            h.line("X-Gmail-Labels: \(sent ? "Sent" : "Inbox,Opened")")
        }
        if !sent {
            h.line("Return-Path: <\(isList ? "list-bounces@lists.example" : other.email)>")
            h.line("Delivered-To: \(me)")
            h.line("Received: from mx\(random.int(1..<9)).mail.example (mx.mail.example [192.0.2.\(random.int(1..<255))])")
            h.line("\tby imap.me.example (Postfix) with ESMTPS id \(Self.hex(&random, 10))")
            h.line("\tfor <\(me)>; \(Self.rfc5322(date.addingTimeInterval(4)))")
            h.line("Received: by mail-\(Self.hex(&random, 4)).example with SMTP id \(Self.hex(&random, 12));")
            h.line("        \(Self.rfc5322(date.addingTimeInterval(2)))")
            h.line("X-Google-Smtp-Source: \(Self.base64Noise(&random, 76))")
            h.line("X-Received: by 2002:a05:6402:\(Self.hex(&random, 4)) with SMTP id \(Self.hex(&random, 16));")
            h.line("        \(Self.rfc5322(date.addingTimeInterval(3)))")
            h.line("ARC-Seal: i=1; a=rsa-sha256; t=\(Int(date.timeIntervalSince1970)); cv=none; d=mail.example; s=arc-2024;")
            h.line("        b=\(Self.base64Noise(&random, 64))")
            h.line("         \(Self.base64Noise(&random, 64))")
            h.line("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.example; s=arc-2024;")
            h.line("        h=to:subject:message-id:date:from:mime-version:dkim-signature;")
            h.line("        bh=\(Self.base64Noise(&random, 43))=;")
            h.line("        b=\(Self.base64Noise(&random, 64))")
            h.line("         \(Self.base64Noise(&random, 64))")
            h.line("ARC-Authentication-Results: i=1; mx.mail.example;")
            h.line("       dkim=pass header.i=@\(Self.domain(of: other.email)) header.s=2024 header.b=\(Self.base64Noise(&random, 8));")
            h.line("       spf=pass (mail.example: domain of \(other.email) designates 192.0.2.7 as permitted sender)")
            h.line("       smtp.mailfrom=\(other.email); dmarc=pass (p=NONE sp=NONE dis=NONE)")
            h.line("Authentication-Results: mx.mail.example;")
            h.line("       dkim=pass header.i=@\(Self.domain(of: other.email)) header.s=2024 header.b=\(Self.base64Noise(&random, 8));")
            h.line("       spf=pass smtp.mailfrom=\(other.email); dmarc=pass header.from=\(Self.domain(of: other.email))")
            h.line("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=\(Self.domain(of: other.email)); s=2024;")
            h.line("        h=from:to:subject:date:message-id:references:in-reply-to:mime-version;")
            h.line("        bh=\(Self.base64Noise(&random, 43))=;")
            h.line("        b=\(Self.base64Noise(&random, 68))")
            h.line("         \(Self.base64Noise(&random, 68))")
            h.line("         \(Self.base64Noise(&random, 40))")
        }
        h.line("MIME-Version: 1.0")
        let sender = sent ? ("Me", me) : isNotice ? ("Notifications", "notifications-noreply@service.example") : other
        h.line("From: \(Self.address(sender, b: gmailStyle))")
        h.line("Date: \(Self.rfc5322(date))")
        h.line("Message-ID: <\(Self.messageID(index, seed: seed))>")
        if replies > 0 {
            let chain = Array(max(thread, index - 8)..<index)
            h.line("References: " + chain.map { "<\(Self.messageID($0, seed: seed))>" }.joined(separator: "\n "))
            h.line("In-Reply-To: <\(Self.messageID(index - 1, seed: seed))>")
        }
        // Clients keep the prefixes as plain text and encode only what needs it.
        let prefix = (isList ? "[team-list] " : "") + (replies > 0 ? "Re: " : "")
        h.line("Subject: " + prefix + Self.encoded(topic, b: gmailStyle))
        if isList {
            h.line("To: team-list@lists.example")
            h.line("List-Id: Team list <team-list.lists.example>")
            h.line("List-Unsubscribe: <mailto:team-list-leave@lists.example>,")
            h.line(" <https://lists.example/unsubscribe/team-list>")
            h.line("Precedence: list")
        } else {
            h.line("To: \(Self.address(sent ? other : ("Me", me), b: gmailStyle))")
            if random.chance(0.2) {
                let cc = correspondents[random.int(0..<correspondents.count)]
                h.line("Cc: \(Self.address(cc, b: !gmailStyle))")
            }
        }
        if isNotice { h.line("Auto-Submitted: auto-generated") }
        h.line("Content-Type: text/plain; charset=\"UTF-8\"")
        h.line("Content-Transfer-Encoding: 8bit")
        h.line(gmailStyle ? "X-Gm-Message-State: \(Self.base64Noise(&random, 60))" : "User-Agent: Mozilla Thunderbird")
        h.line("")
        var body = Self.bodies[random.int(0..<Self.bodies.count)]
        if postmark { body = body.replacingOccurrences(of: "\nFrom ", with: "\n>From ") }
        h.text(body)
        return (h.bytes, sent, date)
    }

    /// Which earlier message starts the thread `index` belongs to.
    private static func thread(of index: Int, random: inout DataSet.Random) -> Int {
        guard index > 0, !random.chance(0.4) else { return index }
        var start = index - 1
        // Walk back a few messages: a thread's messages sit close together.
        for _ in 0..<random.int(0..<3) where start > 0 && random.chance(0.5) { start -= 1 }
        return start
    }

    static func messageID(_ index: Int, seed: UInt64) -> String { "bench-\(seed)-\(index)@mail.example" }

    static func domain(of email: String) -> String { String(email.split(separator: "@").last ?? "example") }

    /// `Name <email>`, the name encoded when it is not ASCII, quoted when it has specials.
    static func address(_ person: (name: String, email: String), b: Bool) -> String {
        let name = person.name
        if name.isEmpty { return person.email }
        if !name.utf8.allSatisfy({ $0 < 0x80 }) { return "\(encoded(name, b: b)) <\(person.email)>" }
        if name.contains(where: { ",.;:\"()<>@".contains($0) }) { return "\"\(name)\" <\(person.email)>" }
        return "\(name) <\(person.email)>"
    }

    /// Plain ASCII as is; else RFC 2047 words of at most ~45 bytes of text, folded.
    static func encoded(_ text: String, b: Bool) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var words: [String] = []
        var chunk = ""
        for character in text {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(word(chunk, b: b))
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(word(chunk, b: b)) }
        return words.joined(separator: "\n ")
    }

    private static func word(_ text: String, b: Bool) -> String {
        if b { return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }
        var out = "=?UTF-8?Q?"
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "): out += "_"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "!"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out.append("=")
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return out + "?="
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Mon, 9 Mar 2026 16:15:31 +0000`, computed (civil from days) rather than formatted.
    static func rfc5322(_ date: Date) -> String {
        let (year, month, day, seconds, weekday) = civil(date)
        return "\(weekdays[weekday]), \(day) \(months[month - 1]) \(year) " + clock(seconds) + " +0000"
    }

    /// `Mon Mar 09 15:15:42 +0000 2026`, as Gmail Takeout's postmarks.
    static func asctime(_ date: Date) -> String {
        let (year, month, day, seconds, weekday) = civil(date)
        return "\(weekdays[weekday]) \(months[month - 1]) \(day < 10 ? "0" : "")\(day) " + clock(seconds) + " +0000 \(year)"
    }

    private static func clock(_ seconds: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
    }

    private static func civil(_ date: Date) -> (year: Int, month: Int, day: Int, seconds: Int, weekday: Int) {
        let time = Int(date.timeIntervalSince1970)
        let days = time >= 0 ? time / 86_400 : (time - 86_399) / 86_400
        let day = Day(ordinal: days + 719_468)  // Day's ordinals count from 0000-03-01
        return (day.year, day.month, day.day, time - days * 86_400, ((days % 7) + 7) % 7)
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func hex(_ random: inout DataSet.Random, _ count: Int) -> String {
        String(decoding: (0..<count).map { _ in hexBytes[random.int(0..<16)] }, as: UTF8.self)
    }

    private static let hexBytes = Array("0123456789ABCDEF".utf8)

    private static let base64Letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func base64Noise(_ random: inout DataSet.Random, _ count: Int) -> String {
        String(decoding: (0..<count).map { _ in base64Letters[random.int(0..<64)] }, as: UTF8.self)
    }
}

/// Lines of a message as bytes, LF-terminated as maildir and mbox files are.
private struct MailWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func line(_ text: String) {
        bytes += text.utf8
        bytes.append(0x0A)
    }

    mutating func text(_ text: String) { bytes += text.utf8 }
}

/// Writes a Maildir++ tree at `root`: INBOX as the root's `cur/` and `new/`,
/// sent mail in `.Sent/cur`, each message one file named as Dovecot names
/// them (`1768478400.M12P3456.bench,S=2345:2,S`).
func writeMaildir(at root: URL, messages: Int, me: String, correspondents: [(name: String, email: String)],
                  seed: UInt64) throws {
    let set = MailDataSet(messageCount: messages, me: me, correspondents: correspondents, seed: seed)
    for folder in ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"] {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    var random = DataSet.Random(state: seed ^ 0x6D61_696C)
    for index in 0..<messages {
        let (bytes, sent, date) = set.message(index)
        let unseen = !sent && random.chance(0.1)
        let unique = "\(Int(date.timeIntervalSince1970)).M\(index)P\(4000 + index % 997).bench,S=\(bytes.count)"
        let relative = sent ? ".Sent/cur/\(unique):2,S" : unseen ? "new/\(unique)" : "cur/\(unique):2,S"
        try writeFile(root.appendingPathComponent(relative).path, bytes)
    }
}

/// Writes the same messages as one mbox (Gmail Takeout's postmarks and
/// labels, `>From ` quoting in bodies).
func writeMbox(at file: URL, messages: Int, me: String, correspondents: [(name: String, email: String)],
               seed: UInt64) throws {
    let set = MailDataSet(messageCount: messages, me: me, correspondents: correspondents, seed: seed)
    guard let handle = fopen(file.path, "wb") else { throw CocoaError(.fileWriteUnknown) }
    defer { fclose(handle) }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    for index in 0..<messages {
        buffer += set.message(index, postmark: true).bytes
        buffer.append(0x0A)
        if buffer.count > 1 << 20 || index == messages - 1 {
            guard fwrite(buffer, 1, buffer.count, handle) == buffer.count else { throw CocoaError(.fileWriteUnknown) }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// One file written with POSIX calls: FileManager per file would double the time of a 100,000-file tree.
private func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(descriptor) }
    guard write(descriptor, bytes, bytes.count) == bytes.count else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
}

extension DataSet {
    /// The first `count` contacts as mail correspondents (name, first address).
    func mailCorrespondents(_ count: Int) -> [(name: String, email: String)] {
        (0..<min(count, contactCount)).map { index in
            let contact = contact(index)
            return (contact.name, contact.emails.first ?? "contact\(index)@example.com")
        }
    }
}
