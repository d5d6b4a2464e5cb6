extension MailHeaderParser {
    /// Whether an address is a machine's that no one reads: noreply and its
    /// spellings (also inside a longer local part, `notifications-noreply`),
    /// the mailer daemon, postmaster, and bounce addresses (VERP included,
    /// `bounces+123@`). Mail from these is no touch with a person.
    public static func isNoReply(_ email: String) -> Bool {
        let address = email.lowercased()
        let local = address[..<(address.lastIndex(of: "@") ?? address.endIndex)]
        for marker in ["noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply", "do_not_reply",
                       "do.not.reply", "mailer-daemon", "mailerdaemon"] where local.contains(marker) {
            return true
        }
        let words = local.split(whereSeparator: { "-_.+=".contains($0) })
        return words.contains { $0 == "bounce" || $0 == "bounces" || $0 == "postmaster" }
    }
}
