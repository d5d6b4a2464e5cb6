import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The README's CardDAV recipe for real: Radicale (a CardDAV server) on
/// loopback, vdirsyncer between it and a vdir, and the rapport binary's
/// `sync vdir` between the vdir and the book. Radicale and vdirsyncer come
/// from PyPI into `.build/pyvenv` (`make pytools`, which `make test` runs);
/// without them the test prints one line and passes, except under CI=true,
/// where a missing component is a failure.
@Suite(.serialized)
struct CardDAVRoundTripTests {
    @Test func aContactGoesToTheServerAndChangesAndDeletionsComeBack() throws {
        guard let tools = try PyTools.locate() else { return }
        let root = try temporaryFolder("carddav")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let server = try Radicale(tools: tools, folder: root + "/radicale")
        defer { server.stop() }
        try server.makeAddressbook("/test/contacts/")
        let vdir = root + "/vdir"
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
        let vdirsyncer = try Vdirsyncer(tools: tools, folder: root, vdir: vdir,
                                        url: "http://127.0.0.1:\(server.port)/test/contacts/")
        try vdirsyncer.run("discover")

        let home = root + "/home"
        let environment = rapportEnvironment(database: home + "/rapport.sqlite", home: home)
        func rapport(_ arguments: String...) throws -> String {
            let result = try Spawn.run(TmuxSession.binary, arguments, environment: environment, capture: true)
            guard result.status == 0 else {
                throw Failure("rapport \(arguments.joined(separator: " ")) exited \(result.status): \(result.output)")
            }
            return result.output
        }

        // (a) Added in rapport, it reaches the server.
        _ = try rapport("add", "Ana Lima", "--email", "ana@example.org", "--company", "Acme")
        _ = try rapport("add", "Bruno Costa", "--email", "bruno@example.org")
        _ = try rapport("log", "Ana", "--kind", "call", "--summary", "Talked about the Lisbon trip")
        let out = try rapport("sync", "vdir", vdir)
        #expect(out.contains("2 out"), "\(out)")
        try vdirsyncer.run("sync")
        var onServer = try server.storedCards()
        #expect(onServer.count == 2, "\(onServer.keys.sorted())")
        let ana = try #require(onServer.first { $0.value.contains("FN:Ana Lima") }, "Ana's card is not on the server")
        let bruno = try #require(onServer.first { $0.value.contains("FN:Bruno Costa") },
                                 "Bruno's card is not on the server")
        #expect(ana.value.contains("ana@example.org"))

        // (b) Changed on the server, it comes back; (c) deleted there, it goes to the trash.
        let changed = ana.value
            .replacingOccurrences(of: "FN:Ana Lima", with: "FN:Ana Lima Souza")
            .replacingOccurrences(of: "ana@example.org", with: "ana.souza@example.org")
            .replacingOccurrences(of: "\r\nREV:[^\r\n]*", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r\nEND:VCARD", with: "\r\nTITLE:Chief of Staff\r\nEND:VCARD")
        #expect(changed != ana.value)
        let put = try server.request("PUT", "/test/contacts/" + ana.key, body: changed)
        #expect((200..<300).contains(put.status), "PUT answered \(put.status): \(put.body)")
        let deleted = try server.request("DELETE", "/test/contacts/" + bruno.key)
        #expect((200..<300).contains(deleted.status), "DELETE answered \(deleted.status)")
        try vdirsyncer.run("sync")
        let back = try rapport("sync", "vdir", vdir)
        #expect(back.contains("1 in") && back.contains("1 deleted here"), "\(back)")

        let shown = try rapport("show", "Ana", "--json")
        #expect(shown.contains("Ana Lima Souza"), "\(shown)")
        #expect(shown.contains("Chief of Staff"), "\(shown)")
        #expect(shown.contains("ana.souza@example.org"), "\(shown)")
        #expect(shown.contains("Talked about the Lisbon trip"), "the interaction is gone: \(shown)")
        let list = try rapport("list", "--json")
        #expect(!list.contains("Bruno Costa"), "\(list)")
        let trash = try rapport("trash", "--json")
        #expect(trash.contains("Bruno Costa"), "\(trash)")

        // Once more both ways: nothing left to do, and the server still has Ana's new card only.
        try vdirsyncer.run("sync")
        let again = try rapport("sync", "vdir", vdir)
        #expect(again.contains("0 in") && again.contains("0 out"), "\(again)")
        try vdirsyncer.run("sync")
        onServer = try server.storedCards()
        #expect(onServer.count == 1 && onServer.values.first?.contains("FN:Ana Lima Souza") == true,
                "\(onServer)")
    }
}

/// Radicale and vdirsyncer from the venv `make pytools` fills.
struct PyTools {
    let bin: String
    var python: String { bin + "/python3" }

    static var venv: String {
        if let path = ProcessInfo.processInfo.environment["RAPPORT_PYVENV"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/pyvenv").path
    }

    /// The tools, or nil after one line saying why not; under CI=true a missing one throws.
    static func locate() throws -> PyTools? {
        let bin = venv + "/bin"
        let missing = ["python3", "radicale", "vdirsyncer"].filter {
            !FileManager.default.isExecutableFile(atPath: bin + "/" + $0)
        } + (FileManager.default.isExecutableFile(atPath: TmuxSession.binary) ? [] : [TmuxSession.binary])
        if missing.isEmpty { return PyTools(bin: bin) }
        let why = "CardDAV round trip: missing \(missing.joined(separator: ", ")) (make pytools installs Radicale and vdirsyncer from PyPI into \(venv))"
        if ProcessInfo.processInfo.environment["CI"] == "true" { throw Failure(why) }
        print("skipped: " + why)
        return nil
    }
}

/// A Radicale server on 127.0.0.1, a free port, its own storage folder, no
/// authentication (any user name is accepted; the test uses "test").
final class Radicale {
    let port: Int
    let folder: String
    private let child: Child
    private let tools: PyTools

    init(tools: PyTools, folder: String) throws {
        self.tools = tools
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder + "/storage", withIntermediateDirectories: true)
        // The free port is released before Radicale binds it: should another
        // process take it meanwhile, Radicale exits, and another port is tried.
        var attempt = 0
        while true {
            attempt += 1
            let port = attempt == 1 ? 45999 : try Self.freePort()
            let child = try Self.start(tools: tools, folder: folder, port: port)
            // A loaded machine may take a while to start Python: poll the port.
            let deadline = Date().addingTimeInterval(60)
            var exited = false
            while !Self.accepts(port) && Date() < deadline {
                if Self.hasExited(child.pid) { exited = true; break }
                Thread.sleep(forTimeInterval: 0.2)
            }
            if !exited && Self.accepts(port) {
                self.port = port
                self.child = child
                return
            }
            child.kill()
            _ = child.wait()
            let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
            guard exited, attempt < 3 else {
                throw Failure("Radicale did not listen on port \(port) (\(exited ? "it exited" : "60 s")): \(log)")
            }
        }
    }

    private static func start(tools: PyTools, folder: String, port: Int) throws -> Child {
        // Through sh only to send its chatter to a file (a pipe nobody reads could fill); exec keeps the pid.
        let command = "exec \(quote(tools.bin + "/radicale")) --config '' --server-hosts 127.0.0.1:\(port)"
            + " --storage-filesystem-folder \(quote(folder + "/storage")) --auth-type none"
            + " --logging-level warning > \(quote(folder + "/log")) 2>&1"
        return try Child("/bin/sh", ["-c", command],
                         environment: ["HOME": folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], capture: false)
    }

    /// Ended (a zombie not yet waited for, or gone), seen without reaping it.
    private static func hasExited(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    func stop() {
        child.kill()
        _ = child.wait()
    }

    func makeAddressbook(_ path: String) throws {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>
            <D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>
            <D:displayname>contacts</D:displayname></D:prop></D:set></D:mkcol>
            """
        let answer = try request("MKCOL", path, body: body)
        guard answer.status == 201 else { throw Failure("MKCOL \(path) answered \(answer.status): \(answer.body) \(log)") }
    }

    /// One HTTP request as user "test", through the venv's Python (no other HTTP client needed).
    func request(_ method: String, _ path: String, body: String? = nil) throws -> (status: Int, body: String) {
        let script = """
            import base64, http.client, sys
            method, path, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
            body = open(sys.argv[4], 'rb').read() if len(sys.argv) > 4 else None
            headers = {'Authorization': 'Basic ' + base64.b64encode(b'test:x').decode()}
            if body is not None:
                headers['Content-Type'] = 'application/xml' if method == 'MKCOL' else 'text/vcard; charset=utf-8'
            connection = http.client.HTTPConnection('127.0.0.1', port, timeout=60)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            print(response.status)
            sys.stdout.write(response.read().decode('utf-8', 'replace'))
            """
        var arguments = ["-c", script, method, path, "\(port)"]
        if let body {
            let file = folder + "/body-\(UUID().uuidString)"
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            arguments.append(file)
        }
        let result = try Spawn.run(tools.python, arguments, capture: true)
        let lines = result.output.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard result.status == 0, let first = lines.first, let status = Int(first) else {
            throw Failure("\(method) \(path) failed: \(result.output)")
        }
        return (status, lines.count > 1 ? String(lines[1]) : "")
    }

    /// The cards in the server's storage, by file name (which is also the name in the collection's URL).
    func storedCards() throws -> [String: String] {
        let collection = folder + "/storage/collection-root/test/contacts"
        var cards: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: collection) where !name.hasPrefix(".") {
            cards[name] = try String(contentsOfFile: collection + "/" + name, encoding: .utf8)
        }
        return cards
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A port the kernel picks as free (bound to port 0, then released for Radicale).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure("socket failed") }
        defer { close(fd) }
        var address = loopback(0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Failure("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// vdirsyncer with a config of its own: the server's addressbook paired with
/// a local vdir of `.vcf` files; the server wins a conflict.
struct Vdirsyncer {
    let tools: PyTools
    let config: String
    let folder: String

    init(tools: PyTools, folder: String, vdir: String, url: String) throws {
        self.tools = tools
        self.folder = folder
        config = folder + "/vdirsyncer.conf"
        let text = """
            [general]
            status_path = "\(folder)/vdirsyncer-status/"

            [pair book]
            a = "local"
            b = "server"
            collections = null
            conflict_resolution = "b wins"

            [storage local]
            type = "filesystem"
            path = "\(vdir)/"
            fileext = ".vcf"

            [storage server]
            type = "carddav"
            url = "\(url)"
            username = "test"
            password = "x"

            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// `vdirsyncer -c CONFIG COMMAND`, its input /dev/null (no prompt can wait).
    func run(_ command: String) throws {
        let result = try Spawn.run(tools.bin + "/vdirsyncer", ["-c", config, command],
                                   environment: ["HOME": folder, "PATH": tools.bin + ":/usr/bin:/bin", "LANG": "C.UTF-8"],
                                   capture: true)
        guard result.status == 0 else { throw Failure("vdirsyncer \(command) exited \(result.status): \(result.output)") }
    }
}

private func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
