// swift-tools-version:6.1
// rapport: a relationship dashboard for the terminal.
//
// One target per layer (../shared/DESIGN.md); an arrow means "may import":
//   rapport (executable) -> App, Terminal
//   App -> Domain, Store, Interop, UI
//   Terminal -> UI, CNcursesw
//   Store -> Domain, GRDB, PostgresNIO (a team's book on a PostgreSQL server)
//   Interop -> Domain, CSV (yaslab/CSV.swift: streaming reader, MIT)
//   Domain, UI -> Foundation only
// App is built with the EmbedResources plugin (Plugins/), which compiles
// seeds/ and Themes/ into it.
import PackageDescription

let package = Package(
    name: "rapport",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "Domain"),
        .target(name: "UI"),
        .target(name: "Store", dependencies: [
            "Domain", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .target(name: "Interop", dependencies: ["Domain", .product(name: "CSV", package: "CSV.swift")]),
        .systemLibrary(name: "CNcursesw"),
        .target(name: "Terminal", dependencies: ["UI", "CNcursesw"]),
        .target(name: "App", dependencies: [
            "Domain", "UI", "Store", "Interop",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ], plugins: ["EmbedResources"]),
        // seeds/ and Themes/ compiled into App, so the installed binary needs no
        // folder beside it: a plugin and its one-file tool, no new dependency.
        .executableTarget(name: "embed-resources", path: "Plugins/EmbedResourcesTool"),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
        .executableTarget(name: "rapport", dependencies: [
            "App", "Terminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The benchmark harness (`make bench`): a plain executable, so that CI's
        // clean build gains no dependency (PostgresNIO is Store's already:
        // the bench makes its roles and databases on the server with it).
        .executableTarget(name: "rapport-bench", dependencies: [
            "App", "Interop", "UI", .product(name: "PostgresNIO", package: "postgres-nio"),
        ], path: "Sources/RapportBenchmarks"),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .target(name: "TestSupport", dependencies: ["UI"], path: "Tests/Support"),
        .testTarget(name: "UITests", dependencies: ["UI", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "AppTests", dependencies: [
            "App", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["App", "Store", "TestSupport"]),
        .testTarget(name: "ReliabilityTests", dependencies: [
            "App", "Store", "Interop", "Domain", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "InteropTests", dependencies: ["Interop"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
