extension MailHeaderParser {
    /// Whether an address is a machine's that no one reads: noreply and its
    /// spellings (also inside a longer local part, `notifications-noreply`),
    /// the mailer daemon, postmaster, and bounce addresses (VERP included,
    /// `bounces+123@`). Mail from these is no touch with a person.
    public static func isNoReply(_ email: String) -> Bool {
        // On bytes: capture asks this of every message it reads.
        var local = Array(email.utf8)
        if let at = local.lastIndex(of: UInt8(ascii: "@")) { local.removeSubrange(at...) }
        for index in local.indices where local[index] >= 0x41 && local[index] <= 0x5A { local[index] |= 0x20 }
        for marker in Self.noReplyMarkers where contains(local, marker) { return true }
        let words = local.split(whereSeparator: { Self.wordSeparators.contains($0) })
        return words.contains { Self.noReplyWords.contains(Array($0)) }
    }

    private static let noReplyMarkers = ["noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply",
                                         "do_not_reply", "do.not.reply", "mailer-daemon", "mailerdaemon"].map { Array($0.utf8) }
    private static let noReplyWords: Set<[UInt8]> = Set(["bounce", "bounces", "postmaster"].map { Array($0.utf8) })
    private static let wordSeparators = Set("-_.+=".utf8)

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
