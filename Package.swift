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
        .target(name: "Interop", dependencies: ["Domain"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        // Fixtures are read by path (#filePath), which works the same on Linux and macOS.
        .testTarget(name: "InteropTests", dependencies: ["Interop"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
