import Foundation

/// The status line after a dashboard import: counts, the first problem, and
/// the merge command for a likely duplicate.
enum ImportStatus {
    static func line(_ report: ImportReport, path: String) -> String {
        var text = "imported \((path as NSString).lastPathComponent): \(report.summary)"
        if let problem = report.problems.first {
            text += " (first error: \(problem.line.map { "line \($0): " } ?? "")\(problem.reason))"
        }
        if let pair = report.duplicates.first {
            text += " · \(pair.imported.name) may be #\(pair.kept.id ?? 0): rapport merge #\(pair.kept.id ?? 0) #\(pair.imported.id ?? 0)"
        }
        return text
    }
}

/// File-name completion for the import form.
public enum PathCompletion {
    /// `~/` expanded to the home folder.
    public static func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst(1) : path
    }

    /// The longest common completion of the last path component among the
    /// folder's entries (a folder gets a trailing `/`); `path` unchanged when nothing matches.
    @Sendable public static func complete(_ path: String) -> String {
        let expanded = expand(path)
        let folder: String, prefix: String
        if expanded.hasSuffix("/") || expanded.isEmpty {
            folder = expanded.isEmpty ? "." : expanded
            prefix = ""
        } else {
            let nsPath = expanded as NSString
            folder = nsPath.deletingLastPathComponent.isEmpty ? "." : nsPath.deletingLastPathComponent
            prefix = nsPath.lastPathComponent
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return path }
        let matches = names.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted()
        guard var common = matches.first else { return path }
        for name in matches.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        let base = expanded.hasSuffix("/") || expanded.isEmpty ? expanded
            : String(expanded.dropLast(prefix.count))
        var completed = base + common
        var isDirectory: ObjCBool = false
        if matches.count == 1, FileManager.default.fileExists(atPath: completed, isDirectory: &isDirectory), isDirectory.boolValue {
            completed += "/"
        }
        return completed
    }
}
