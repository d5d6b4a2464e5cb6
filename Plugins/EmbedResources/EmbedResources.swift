// The build step that compiles the demo data and the built-in themes into
// App, so the binary alone is enough (issue 11). The repository's `seeds/`
// and `Themes/` stay the only source: the generated file is rebuilt from them
// whenever one changes, and AppTests' EmbeddedResourcesTests compare the two.
import Foundation
import PackagePlugin

@main
struct EmbedResources: BuildToolPlugin {
    /// The seed files DemoSeeds reads at run time (seeds/README.md and
    /// playbook.toml are documentation, not data).
    static let seedFiles = ["seeds/contacts.vcf", "seeds/history.toml"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let themes = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "Themes").path)
            .filter { $0.hasSuffix(".toml") }.sorted().map { "Themes/" + $0 }
        let files = Self.seedFiles + themes
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [.buildCommand(
            displayName: "Embedding the demo data and the built-in themes into \(target.name)",
            executable: try context.tool(named: "embed-resources").url,
            arguments: [output.path, root.path] + files,
            inputFiles: files.map { root.appending(path: $0) },
            outputFiles: [output])]
    }
}
