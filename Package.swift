// swift-tools-version:6.1
// rapport: a relationship dashboard for the terminal.
//
// One target per layer (../shared/DESIGN.md); an arrow means "may import":
//   rapport (executable) -> App, Terminal
//   App -> Domain, Store, Interop, UI
//   Terminal -> UI, CNcursesw
//   Store -> Domain, GRDB
//   Interop -> Domain
//   Domain, UI -> Foundation only
import PackageDescription

let package = Package(
    name: "rapport",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .target(name: "Domain"),
        .target(name: "UI"),
        .systemLibrary(name: "CNcursesw"),
        .target(name: "Terminal", dependencies: ["UI", "CNcursesw"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "UITests", dependencies: ["UI"], exclude: ["Snapshots"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
    ],
    swiftLanguageModes: [.v6]
)
