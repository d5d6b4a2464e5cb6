extension MailFiles {
    /// Every message file under a maildir tree, sorted by path unless
    /// `sorted` is false (a caller that keeps a few of 100,000 sorts those): the root's
    /// own `cur/` and `new/` if it is a maildir, Maildir++ folders (`.Sent`,
    /// `.Archive.2024`) and nested ones as mbsync writes them (`Sent/cur`,
    /// `INBOX/cur`, `Archive/2024/cur`). `tmp/` holds deliveries in progress
    /// and is never read; nor are dotfiles in `cur/` and `new/`, nor symbolic
    /// links (a link to a parent would loop).
    ///
    /// Throws only when the root cannot be listed; a subfolder that cannot be
    /// is passed over, as a mail client would.
    public static func maildirMessages(under root: String, sorted: Bool = true) throws(MailFileError) -> [MaildirMessage] {
        var messages: [MaildirMessage] = []
        let base = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        try collect(base, relative: "", depth: 0, into: &messages, isRoot: true)
        if sorted { messages.sort(by: MaildirMessage.pathOrder) }
        return messages
    }

    /// The unique part of a maildir file name: before the `:2,` that starts
    /// its flags (`!2,` or `;2,` where a file system forbids colons).
    public static func uniqueName(ofFileName name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count >= 3 else { return name }
        for index in 0..<(bytes.count - 2)
        where (bytes[index] == UInt8(ascii: ":") || bytes[index] == UInt8(ascii: "!") || bytes[index] == UInt8(ascii: ";"))
            && bytes[index + 1] == UInt8(ascii: "2") && bytes[index + 2] == UInt8(ascii: ",") {
            return String(decoding: bytes[..<index], as: UTF8.self)
        }
        return name
    }

    private static let maximumDepth = 24

    private static func collect(_ path: String, relative: String, depth: Int, into messages: inout [MaildirMessage],
                                isRoot: Bool) throws(MailFileError) {
        let children: [Entry]
        do {
            children = try entries(of: path)
        } catch {
            if isRoot { throw error }
            return
        }
        let folders = children.filter(\.isFolder).map(\.name)
        let isMaildir = folders.contains("cur") || folders.contains("new")
        for sub in ["cur", "new"] where isMaildir && folders.contains(sub) {
            let subPath = path + "/" + sub
            let prefix = relative.isEmpty ? sub + "/" : relative + "/" + sub + "/"
            for file in (try? entries(of: subPath)) ?? [] where file.isFile && !file.name.hasPrefix(".") {
                messages.append(MaildirMessage(path: prefix + file.name, folder: relative, isNew: sub == "new"))
            }
        }
        guard depth < maximumDepth else { return }
        for name in folders where !(isMaildir && (name == "cur" || name == "new" || name == "tmp")) {
            try collect(path + "/" + name, relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1,
                        into: &messages, isRoot: false)
        }
    }
}
