import Foundation

/// The demo data and the built-in themes, compiled into the binary from the
/// repository's `seeds/` and `Themes/` by the EmbedResources build plugin, so
/// an installed `rapport` needs no folder beside it.
public enum BuiltInResources {
    /// The bytes of a shipped file, by its path in the repository
    /// (`seeds/contacts.vcf`, `Themes/light.toml`), or nil if none was embedded.
    public static func file(_ path: String) -> Data? {
        EmbeddedResources.base64[path].flatMap { Data(base64Encoded: $0) }
    }

    /// Every embedded path, sorted.
    public static var paths: [String] { EmbeddedResources.base64.keys.sorted() }
}
