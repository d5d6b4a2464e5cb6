import Foundation

/// Finds rapport's shipped folders (`seeds/`, `Themes/`) at run time:
/// `$RAPPORT_HOME` first, else the first folder beside or above the
/// executable that has them (a checkout's `.build/release/rapport`), else
/// the current folder.
public enum Resources {
    public static func folder(_ name: String, environment: [String: String], executable: String) -> URL? {
        var candidates: [URL] = []
        if let home = environment["RAPPORT_HOME"], !home.isEmpty { candidates.append(URL(fileURLWithPath: home)) }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder)
            folder.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for base in candidates {
            let url = base.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue { return url }
        }
        return nil
    }
}
