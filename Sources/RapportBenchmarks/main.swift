// rapport-bench: the benchmark harness (`make bench`). Not a test: it
// prints figures and writes JSON, and never fails on a slow machine.
//
//   rapport-bench [--sizes 1000,10000,100000] [--runs N] [--out DIR] [--only rescoring,keys,…]
//                 [--postgres URL]  (a superuser's URL; default $RAPPORT_TEST_PG_URL, which
//                 scripts/test-with-postgres.sh sets; --only postgres runs the server's scenarios alone)
//   rapport-bench generate N [--seed S] [--vcard FILE] [--vdir DIR] [--db FILE]
//   rapport-bench import FILE DB  (`rapport import FILE`, in process, for a profiler)
//   rapport-bench dashboard DB    (child: the real runtime, in-memory backend)
//   rapport-bench preview DB      (the first frame's queries one by one, timed, for a profile)
import App
import Foundation
import Interop


let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let seed = option("--seed").flatMap(UInt64.init) ?? 42
let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()

switch arguments.first {
case "generate":
    guard arguments.count > 1, let n = Int(arguments[1]) else {
        FileHandle.standardError.write(Data("usage: rapport-bench generate N [--seed S] [--vcard F] [--vdir D] [--db F]\n".utf8))
        exit(2)
    }
    let data = DataSet(contactCount: n, seed: seed)
    if let path = option("--vcard") { try Data(data.vcardFile().utf8).write(to: URL(fileURLWithPath: path)) }
    if let path = option("--vdir") { try data.writeVdir(to: path) }
    if let path = option("--db") { try data.writeDatabase(to: path) }

case "import":
    // `rapport import FILE` in process (for a profiler): reading, matching, the bulk writer.
    let store = try Store(path: arguments[2])
    let report = try Scripting(store: store, now: Date(), calendar: DataSet.utc)
        .importContacts(ImportRequest(paths: [arguments[1]]))
    print(report.summary)

case "profile":
    // One pass of the background job, for `valgrind --tool=callgrind`.
    let store = try Store(path: arguments[1])
    let book = try store.read { try Book.load($0) }
    // Rescoring passes dominate the profile, as they do the job's life.
    for _ in 0..<(Int(option("--passes") ?? "") ?? 1) {
        if arguments.contains("--score-only") {
            _ = Library.score(book, scorer: Scenarios.scorer, now: DataSet.reference)
        } else {
            _ = Library(book: book, scorer: Scenarios.scorer, now: DataSet.reference, history: StoreHistory(store: store))
        }
    }
    print("attention \(Library.score(book, scorer: Scenarios.scorer, now: DataSet.reference).count)")

case "preview":
    // The queries of the dashboard's first frame (Library.preview), one by one, for a profile.
    func lap(_ label: String, _ body: () throws -> Void) rethrows {
        let ms = try timed(body)
        print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.2f ms", ms))
    }
    var store: Store!
    try lap("open the store") { store = try Store(path: arguments[1]) }
    for _ in 0..<(Int(option("--passes") ?? "") ?? 2) {
        try lap("read: whole preview") {
            try store.read { tx in
                try lap("  lastScoredAt") { _ = try tx.lastScoredAt() }
                var top: [(contact: Contact, attention: Attention)] = []
                try lap("  contactsByAttention(200)") { top = try tx.contactsByAttention(limit: 200) }
                var open: [Promise] = []
                try lap("  openPromisesOfLiveContacts") { open = try tx.openPromisesOfLiveContacts() }
                var known = Set(top.compactMap(\.contact.id))
                let owners = open.prefix(200).map(\.contactID).filter { known.insert($0).inserted }
                try lap("  contacts(ids:)") { _ = try tx.contacts(ids: owners) }
                try lap("  allEvents") { _ = try tx.allEvents() }
                try lap("  snoozes") { _ = try tx.snoozes() }
                try lap("  cachedNeedingAttentionCount") { _ = try tx.cachedNeedingAttentionCount() }
            }
        }
    }

case "dashboard":
    let start = monotonicNanos()
    let store = try Store(path: arguments[1])
    let backend = MemoryBackend(size: Scenarios.size, holdSeconds: Double(option("--hold") ?? "") ?? 3)
    let dashboard = Dashboard(backend: backend, store: store, config: Config(), calendar: Scenarios.calendar,
                              clock: { DataSet.reference }, loadDemo: { _ in })
    dashboard.run()
    print("start-ns \(start)")
    if let first = backend.firstContactsFrame { print("first-frame-ns \(first)") }
    print("frames \(backend.frames)")
    print("peak-mb \(peakResidentMB())")

default:
    let sizes = (option("--sizes") ?? "1000,10000,100000").split(separator: ",").compactMap { Int($0) }
    let out = option("--out") ?? ".build/bench"
    let dataFolder = option("--data") ?? ".build/bench-data"
    let only = option("--only").map { Set($0.split(separator: ",").map(String.init)) }
    let sqliteWanted = only.map { !$0.isDisjoint(with: Scenarios.names) } ?? true
    let postgresWanted = PostgresScenarios.names.contains { PostgresScenarios.wanted($0, only: only) }
    // A superuser's URL: --postgres, else the server scripts/test-with-postgres.sh started.
    var postgres: PostgresAdmin?
    if postgresWanted {
        if let url = option("--postgres") ?? ProcessInfo.processInfo.environment["RAPPORT_TEST_PG_URL"], !url.isEmpty {
            postgres = try PostgresAdmin(url: url)
        } else {
            FileHandle.standardError.write(Data("no PostgreSQL server (--postgres URL or RAPPORT_TEST_PG_URL): its scenarios are skipped\n".utf8))
        }
    }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
    let rapport = executable.deletingLastPathComponent().appendingPathComponent("rapport").path
    let rapportBinary = FileManager.default.isExecutableFile(atPath: rapport) ? rapport : nil
    var figures: [Figure] = []
    for size in sizes {
        let data = DataSet(contactCount: size, seed: seed)
        let db = "\(dataFolder)/book-\(size)-\(seed).sqlite"
        let vcf = "\(dataFolder)/contacts-\(size)-\(seed).vcf"
        if !FileManager.default.fileExists(atPath: vcf) {
            try Data(data.vcardFile().utf8).write(to: URL(fileURLWithPath: vcf))
        }
        let runs = Int(option("--runs") ?? "") ?? (size >= 100_000 ? 5 : size >= 10_000 ? 7 : 11)
        if sqliteWanted {
            // The marker is written last, so an interrupted generation starts over.
            if !FileManager.default.fileExists(atPath: db + ".done") {
                FileHandle.standardError.write(Data("generating \(size) contacts, \(data.interactionCount) interactions…\n".utf8))
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
                let seconds = try timed { try data.writeDatabase(to: db) } / 1000
                _ = FileManager.default.createFile(atPath: db + ".done", contents: nil)
                FileHandle.standardError.write(Data("  generated in \(Report.format(seconds)) s\n".utf8))
            }
            var scenarios = Scenarios(data: data, databasePath: db, vcardPath: vcf, runs: runs,
                                      rapportBinary: rapportBinary, benchBinary: executable.path)
            try scenarios.runAll(only: only)
            figures += scenarios.figures
        }
        if let postgres {
            var scenarios = PostgresScenarios(data: data, admin: postgres, vcardPath: vcf, runs: runs,
                                              rapportBinary: rapportBinary, benchBinary: executable.path)
            try scenarios.runAll(only: only)
            figures += scenarios.figures
        }
    }
    let sqlite = figures.filter { $0.engine == "sqlite" }, server = figures.filter { $0.engine == "postgres" }
    var tables: [String] = []
    if !sqlite.isEmpty { tables.append(Report.table(sqlite, sizes: sizes)) }
    if !server.isEmpty {
        tables.append("PostgreSQL (a team's book, server on loopback; ×SQLite: median over the SQLite figure of this run)\n\n"
                      + Report.table(server, sizes: sizes, against: sqlite.isEmpty ? nil : sqlite))
    }
    let table = tables.joined(separator: "\n\n")
    print(table)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    struct Results: Codable {
        var machine: String
        var date: String
        var figures: [Figure]
    }
    let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
        .trimmingCharacters(in: .whitespaces) ?? "unknown"
    let results = Results(machine: "\(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores",
                          date: ISO8601DateFormatter().string(from: Date()), figures: figures)
    try encoder.encode(results).write(to: URL(fileURLWithPath: "\(out)/results.json"))
    try Data((table + "\n").utf8).write(to: URL(fileURLWithPath: "\(out)/results.md"))
    print("\nwritten: \(out)/results.json, \(out)/results.md")
}
