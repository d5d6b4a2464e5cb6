import App
import Foundation
import TestSupport
import Testing
@testable import Store

/// SIGKILL at random moments while rapport writes: after every kill the file
/// passes `PRAGMA integrity_check`, its history summaries match its
/// interactions, every write a command reported (its
/// printed `#id`) is there, and the demo is all there or not at all.
///
/// `make test` kills 20 times with a fixed seed; `make stress` 200 times
/// with a random one (`RAPPORT_STRESS_KILLS`, `RAPPORT_SEED` to change).
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs the built rapport binary"))
struct CrashSafetyTests {
    static let kills = Stress.count("RAPPORT_STRESS_KILLS", bounded: 20, stress: 200)

    struct Demo: Equatable { var contacts = 0, interactions = 0, promises = 0, events = 0 }

    static func counts(_ store: Store) throws -> Demo {
        let snapshot = try store.snapshot()
        return Demo(contacts: snapshot.contacts.count, interactions: snapshot.interactions.count,
                    promises: snapshot.promises.count, events: snapshot.events.count)
    }

    /// "ok" when SQLite's checks pass and every history summary matches its
    /// interactions (what `rapport check` runs); else the problems.
    static func integrity(_ path: String) throws -> String {
        let store = try Store(path: path)
        return try store.read { tx in
            let problems = try tx.integrityProblems() + tx.summaryMismatches().map(\.description)
            return problems.isEmpty ? "ok" : problems.joined(separator: "\n")
        }
    }

    /// Runs `arguments` to the end; returns its output and how long it took.
    func run(_ arguments: [String], env: [String: String]) throws -> (Int32, String, TimeInterval) {
        let started = Date()
        let child = try Child(TmuxSession.binary, arguments, environment: env)
        let (status, output) = child.wait()
        return (status, output, Date().timeIntervalSince(started))
    }

    /// Starts `arguments` and SIGKILLs it after `delay` (it may have finished by then).
    func killed(_ arguments: [String], env: [String: String], after delay: TimeInterval) throws -> (Int32, String) {
        let child = try Child(TmuxSession.binary, arguments, environment: env)
        Thread.sleep(forTimeInterval: delay)
        child.kill(SIGKILL)
        return child.wait()
    }

    @Test(.timeLimit(.minutes(10))) func randomKillsLoseNothingReported() throws {
        let folder = try temporaryFolder("crash")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let seed = Stress.seed
        var random = SplitMix(seed: seed)

        // The full demo, loaded without interruption, is the "all of it" to compare with.
        let reference = folder + "/reference.sqlite"
        let (demoStatus, demoOutput, demoTime) = try run(["demo"], env: rapportEnvironment(database: reference, home: folder))
        #expect(demoStatus == 0, "\(demoOutput)")
        let full = try Self.counts(try Store(path: reference))
        #expect(full.contacts > 0 && full.interactions > 0)

        // A book that bursts of log, promise and add write to.
        let book = folder + "/book.sqlite"
        let env = rapportEnvironment(database: book, home: folder)
        let (addStatus, added, commandTime) = try run(["add", "Ana Lima"], env: env)
        #expect(addStatus == 0, "\(added)")
        var reported: [(kind: String, id: Int64)] = [(kind: "contact", id: Self.id(in: added)!)]

        var demoKills = 0, demoComplete = 0, demoEmpty = 0, burstKills = 0, killedBeforeReporting = 0
        for round in 0..<Self.kills {
            if round % 3 == 0 {
                // The demo into a fresh file, killed somewhere in its run.
                let path = folder + "/demo-\(round).sqlite"
                let delay = Double.random(in: 0...(demoTime * 1.2), using: &random)
                let (status, output) = try killed(["demo"], env: rapportEnvironment(database: path, home: folder), after: delay)
                demoKills += 1
                guard FileManager.default.fileExists(atPath: path) else { demoEmpty += 1; continue }
                #expect(try Self.integrity(path) == "ok", "demo killed after \(delay) s")
                let got = try Self.counts(try Store(path: path))
                if got == full { demoComplete += 1 } else {
                    #expect(got == Demo(), "half a demo after a kill at \(delay) s: \(got)")
                    #expect(status != 0, "the demo said it loaded but is not all there: \(output)")
                    demoEmpty += 1
                }
                try? FileManager.default.removeItem(atPath: path)
                continue
            }
            // A burst: a few commands that finish, then one killed at a random moment.
            let burst = Int.random(in: 1...3, using: &random)
            for step in 0...burst {
                let arguments: [String]
                let kind: String
                switch Int.random(in: 0..<3, using: &random) {
                case 0: arguments = ["log", "ana", "--kind", "call", "--summary", "round \(round) step \(step)"]; kind = "interaction"
                case 1: arguments = ["promise", "ana", "send the deck \(round).\(step)", "--due", "tomorrow"]; kind = "promise"
                default: arguments = ["add", "Person \(round).\(step)", "--tag", "crash"]; kind = "contact"
                }
                let output: String
                let status: Int32
                if step == burst {
                    let delay = Double.random(in: 0...(commandTime * 1.3), using: &random)
                    (status, output) = try killed(arguments, env: env, after: delay)
                    burstKills += 1
                } else {
                    (status, output, _) = try run(arguments, env: env)
                    #expect(status == 0, "\(arguments): \(output)")
                }
                if let id = Self.id(in: output) {
                    reported.append((kind, id))
                } else if step == burst {
                    killedBeforeReporting += 1
                }
            }
            #expect(try Self.integrity(book) == "ok", "round \(round)")
            let store = try Store(path: book)
            for write in reported {
                let present: Bool
                switch write.kind {
                case "interaction": present = try store.interaction(id: write.id) != nil
                case "promise": present = try store.promise(id: write.id) != nil
                default: present = try store.contact(id: write.id) != nil
                }
                #expect(present, "\(write.kind) #\(write.id) was reported done but is missing (seed \(seed))")
            }
        }
        Stress.figure("crash safety: \(Self.kills) SIGKILLs survived (seed \(seed)): \(demoKills) during demo loads "
                      + "(\(demoComplete) complete, \(demoEmpty) empty, 0 partial), \(burstKills) during writes "
                      + "(\(killedBeforeReporting) killed before reporting); \(reported.count) reported writes checked after every kill, integrity ok")
    }

    /// The `#id` a write command prints first.
    static func id(in output: String) -> Int64? {
        guard output.hasPrefix("#") else { return nil }
        return Int64(output.dropFirst().prefix { $0.isNumber })
    }
}
