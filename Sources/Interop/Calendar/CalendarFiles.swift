import Foundation

/// Finds the `.ics` files capture reads: one file, or every `.ics` under a
/// folder, recursively, as vdirsyncer lays out a vdir for khal (one folder
/// per calendar, one file per event).
public enum CalendarFiles {
    public struct Unreadable: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The `.ics` files at `path`, sorted; the file itself when `path` is a file.
    /// Hidden entries (vdirsyncer's `.status` files, `.git`) are passed over.
    ///
    /// - Throws: `Unreadable` when `path` does not exist or a folder cannot be listed.
    public static func icsFiles(under path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw Unreadable(path: path, reason: "no such file or folder")
        }
        guard isFolder.boolValue else { return [path] }
        var files: [String] = []
        var visited = Set<String>()
        try collect(path, into: &files, visited: &visited)
        return files.sorted()
    }

    /// `visited` holds real paths, so a symlink back up the tree is listed once, not forever.
    private static func collect(_ folder: String, into files: inout [String], visited: inout Set<String>) throws {
        guard visited.insert(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw Unreadable(path: folder, reason: "cannot list this folder (\((error as NSError).localizedDescription))")
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try collect(path, into: &files, visited: &visited)
            } else if name.lowercased().hasSuffix(".ics") {
                files.append(path)
            }
        }
    }
}
