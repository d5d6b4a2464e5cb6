import Foundation
import Interop

/// Which messages are touches, and with whom: the capture playbook for mail.
///
/// A message from the user touches each recipient; a message to the user
/// touches its sender. List and bulk mail, no-reply senders and messages to
/// a crowd touch nobody.
struct MailTouchRule: Sendable {
    enum Skip: String, CaseIterable, Sendable {
        case bulk = "list or bulk mail"
        case noReply = "no-reply sender"
        case crowd = "too many recipients"
        case noSender = "no sender"
    }

    enum Verdict: Equatable, Sendable {
        /// The correspondents (lowercased address, display name), never the user.
        case correspondents(fromMe: Bool, [(email: String, name: String)])
        case skipped(Skip)

        static func == (a: Verdict, b: Verdict) -> Bool {
            switch (a, b) {
            case let (.correspondents(x, l), .correspondents(y, r)):
                return x == y && l.map(\.email) == r.map(\.email) && l.map(\.name) == r.map(\.name)
            case let (.skipped(l), .skipped(r)): return l == r
            default: return false
            }
        }
    }

    var me: Me
    var maxRecipients: Int

    func verdict(_ header: MailHeader) -> Verdict {
        if header.bulk != nil { return .skipped(.bulk) }
        guard let sender = header.from.first(where: { !$0.email.isEmpty }) else { return .skipped(.noSender) }
        let fromMe = header.from.contains { me.owns($0.email) }
        var seen = Set<String>()
        let recipients = header.recipients.filter { !$0.email.isEmpty && seen.insert(Me.normalized($0.email)).inserted }
        if recipients.count > maxRecipients { return .skipped(.crowd) }
        if fromMe {
            let others = recipients.filter { !me.owns($0.email) }
            return .correspondents(fromMe: true, others.map { (Me.normalized($0.email), $0.name) })
        }
        // In the user's own mailbox, a message not from them came to them
        // (Bcc and aliases included).
        if MailHeaderParser.isNoReply(sender.email) { return .skipped(.noReply) }
        return .correspondents(fromMe: false, [(Me.normalized(sender.email), sender.name)])
    }

    /// The message's identity across sources: its Message-ID, else a hash of
    /// From, Date and Subject (FNV-1a, stable across runs and builds).
    static func key(of header: MailHeader, date: Date) -> String {
        if let id = header.messageID { return id }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let text = header.from.map { Me.normalized($0.email) }.joined(separator: ",")
            + "\u{1F}" + String(Int64(date.timeIntervalSince1970)) + "\u{1F}" + header.subject
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return "hash:" + String(hash, radix: 16)
    }
}
