import App
import Foundation

/// A deterministic relationship book for benchmarks: the same seed and size
/// give the same contacts, interactions, promises and events, as vCard 3.0
/// text (what khard and abook read) and as a rapport database.
///
/// Shape per N contacts: 10·N interactions over the past three years (one in
/// ten with two people), N/5 open promises and N/10 kept ones, N/2000 + 5
/// events in the next 60 days, 1 % of contacts snoozed. At N = 100,000 that
/// is the issue's 1,000,000 interactions and 20,000 open promises.
struct DataSet {
    let contactCount: Int
    let seed: UInt64
    /// Every date is relative to this moment (2026-01-15 12:00 UTC), so a
    /// data set is the same whatever day it is generated.
    static let reference = Date(timeIntervalSince1970: 1_768_478_400)

    var interactionCount: Int { contactCount * 10 }
    var openPromiseCount: Int { contactCount / 5 }

    /// A small, fast, seedable generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
    }

    static let firstNames = ["Ana", "Marcus", "José", "Zoë", "Priya", "Liam", "Mei", "Omar", "Sofia", "Kenji", "Amara",
        "Lucas", "Freya", "Mateo", "Aisha", "Noah", "Elena", "Tariq", "Ingrid", "Diego", "Hana", "Felix", "Chloé",
        "Rafael", "Yuki", "Nadia", "Oscar", "Leila", "Björn", "Camila", "Idris", "Maja", "Andrés", "Sanna", "Kofi",
        "Greta", "Ravi", "Inès", "Tomás", "Olga", "Emeka", "Lena", "Hugo", "Signe", "Arjun", "Paula", "Milan", "Ewa",
        "Jonas", "Beatriz", "Samir", "Clara", "Viktor", "Rosa", "Dmitri", "Alba", "Kwame", "Astrid", "Pablo", "Nia",
        "Stefan", "Lucía", "Hamza", "Eva", "Nikolai", "Marta", "Jae", "Irene", "Bruno", "Anya", "Carlos", "Linnea",
        "Musa", "Vera", "Enzo", "Daria", "Tobias", "Selin", "Mikael", "Farah", "Anders", "Renata", "Yusuf", "Helga",
        "Iker", "Lotte", "Ciarán", "Mira", "Benedikt", "Asha", "Joaquín", "Elif", "Lars", "Noor", "Ruben", "Katya",
        "Thabo", "Ilse", "Matías", "Saoirse"]
    static let lastNames = ["Lima", "Bell", "Álvarez", "Park", "Raman", "Walsh", "Chen", "Haddad", "Rossi", "Sato",
        "Okafor", "Moreau", "Nielsen", "García", "Khan", "Fischer", "Popescu", "Said", "Berg", "Ortiz", "Tanaka",
        "Weber", "Dubois", "Costa", "Ito", "Petrova", "Larsen", "Nasser", "Holm", "Reyes", "Mensah", "Kowalski",
        "Ferreira", "Virtanen", "Boateng", "Schmidt", "Iyer", "Martin", "Silva", "Ivanova", "Eze", "Novak",
        "Fontaine", "Lund", "Kapoor", "Santos", "Horvat", "Zielińska", "Becker", "Sousa", "Hassan", "Keller",
        "Rinaldi", "Volkov", "Navarro", "Owusu", "Lindqvist", "Ramos", "Aziz", "Bauer", "Mäkinen", "Torres",
        "Yilmaz", "Jansen", "Ward", "Castillo", "Kim", "Nowak", "Olsen", "Vargas", "Nakamura", "Richter", "Duarte",
        "Abara", "Müller", "Lopez", "Fernández", "Dahl", "Mahmoud", "Gallo", "Yamamoto", "Brandt", "Pereira",
        "Sokolova", "Adeyemi", "Vidal", "Strand", "Bianchi", "Hoffmann", "Mendes", "Kaur", "Jovanović", "Ekström",
        "Romero", "Takahashi", "Wolf", "Barros", "Demir", "Lindgren", "Cruz", "Sorensen", "Marino", "Ahmed", "Roth",
        "Moreno", "Koch", "Pinto", "Hayes", "Molina", "Frank", "Rocha", "Quinn", "Gil", "Brennan", "Ruiz", "Baker",
        "Lehmann", "Santoro", "Okoye", "Carvalho", "Hartmann", "Esposito", "Mwangi", "Sandoval", "Lam", "Falk",
        "Medina", "Acheampong", "Ruiz-Ortega", "Engel", "Vogel", "Nilsen", "Campos", "Sharma", "Arnaud", "Dias",
        "Kraus", "Ortega", "Suzuki", "Schulz", "Leone", "Amato", "Haas", "Fuchs", "Gomes", "Jung", "Nunes", "Lange",
        "Moretti", "Aguilar", "Peters", "Teixeira", "Werner", "Conti", "Kato", "Neumann", "Ferrari", "Kuhn", "Leal",
        "Bergström", "Mora", "Stein", "Ricci", "Herrera", "Zimmermann", "Correia", "Marx", "Ueda", "Paz", "Graf",
        "Lorenz", "Cabral", "Sauer", "Delgado", "Voss", "Aoki", "Nascimento", "Schwarz", "Greco", "Kuznetsova",
        "Rojas", "Winter", "Monteiro", "Busch", "Farias", "Hahn", "Romano", "Pohl", "Lindberg", "Brun", "Salas",
        "Arndt", "Moura", "Wendt", "Vieira", "Seidel", "Rey", "Kruse", "Fonseca", "Jakobsen", "Ferraz", "Otto",
        "Serrano", "Hansen", "Magnusson", "Pacheco", "Beck", "Barbosa", "Dietrich", "Lund-Hansen", "Pires",
        "Ziegler", "Cardoso", "Ernst", "Valente", "Sommer", "Almeida", "Horn", "Queiroz", "Franke", "Barreto",
        "Krüger", "Vasquez", "Albrecht", "Coelho", "Schuster", "Machado", "Böhm", "Lacerda", "Kaiser", "Prado",
        "Frey", "Rezende", "Martens", "Pedersen", "Simon", "Soares", "Wagner", "Batista", "Scholz", "Aragão",
        "Haug", "Antunes", "Brandão", "Meier", "Esteves", "Jäger", "Figueiredo", "Roos", "Matos", "Lutz", "Faria",
        "Kühn", "Vaz", "Bach", "Rosário", "Sander", "Pimentel", "Ludwig", "Tavares", "Kessler", "Leite", "Haupt",
        "Moraes", "Reuter", "Guerra", "Ott", "Veloso", "Brauer", "Paiva", "Thiel", "Gouveia", "Maurer", "Amaral",
        "Kolb", "Valadares", "Wolff", "Quintela", "Heinz", "Abreu", "Keil", "Bastos", "Dorn", "Rangel", "Adam",
        "Peixoto", "Hein", "Cordeiro", "Busse", "Falcão", "Baum", "Lobo", "Rausch", "Bezerra", "Franz", "Salgado",
        "Seitz", "Godinho", "Ebert", "Neves", "Frick", "Couto", "Kern", "Pessoa", "Mann", "Quaresma", "Bock",
        "Sampaio", "Götz", "Macedo", "Kunz", "Brito", "Jahn", "Morais", "Popp", "Aguiar", "Haack", "Rebelo",
        "Fink", "Loureiro", "Bader", "Garcez", "Hess", "Magalhães", "Timm", "Barroso", "Lenz", "Marques", "Stark",
        "Nogueira", "Vogt", "Cunha", "Wirth", "Lemos", "Hirsch", "Viana", "Schade", "Ventura", "Probst", "Rebouças",
        "Witt", "Sequeira", "Eckert", "Bento", "Reiter", "Calado", "Ruf", "Damasceno", "Scherer", "Frota",
        "Pfeiffer", "Marinho", "Büttner", "Toledo", "Henke", "Arruda", "Haase", "Xavier", "Buck", "Bandeira",
        "Böttcher", "Galvão", "Ritter", "Montenegro", "Merz", "Mesquita", "Nagel", "Lisboa", "Schreiber",
        "Caldeira", "Kirchner", "Proença", "Strauß", "Quadros", "Wiese", "Rabelo", "Lange-Berg", "Seabra", "Gross",
        "Sardinha", "Heller", "Fragoso", "Stahl", "Vilela", "Schumacher", "Bragança", "Fiedler", "Leitão", "Kunze",
        "Castelo", "Jacob", "Meireles", "Schütz", "Valença", "Thomas", "Mattos", "Zander", "Camargo", "Voigt",
        "Fialho", "Brinkmann", "Bessa", "Fritz", "Cotrim", "Stoll", "Paixão", "Ludwig-Rey", "Sarmento", "Hauser",
        "Bragança-Lima", "Schneider", "Vasconcelos", "Winkler", "Tomé", "Köhler", "Salvador", "Baumann", "Pombo",
        "Lorenzen", "Gaspar", "Jäkel", "Amorim", "Kramer", "Coutinho", "Berger", "Lago", "Wegner", "Rolim", "Funk",
        "Severino", "Busch-Lima", "Mota", "Schäfer", "Paredes", "Hummel", "Alencar", "Geiger", "Bueno", "Seifert",
        "Osório", "Arnold", "Portela", "Heinrich", "Caldas", "Scholz-Berg", "Guedes", "Brandl", "Furtado",
        "Gärtner", "Lacerda-Pinto", "Ziegler-Roth", "Sena", "Bär", "Vidigal", "Thiele", "Matoso", "Hagen", "Lucena",
        "Krause", "Quental", "Marquardt", "Saldanha", "Bruns", "Cavaco", "Möller", "Diniz", "Jensen", "Pontes",
        "Rieger", "Bettencourt", "Ullrich", "Tenório", "Kühne", "Cerqueira", "Brandes", "Rodrigues", "Wilke"]
    static let companies = ["Quill Health", "Bell Angels", "Meridian Payments", "Northwind", "Acme Robotics",
        "Lumen Labs", "Harbor Capital", "Blue Fern", "Atlas Logistics", "Cobalt AI", "Greenline Energy", "Orbit Media",
        "Pine & Co", "Vertex Bio", "Kite Studio", "Summit Legal", "Tidal Foods", "Nimbus Cloud", "Redwood Partners",
        "Solstice Design"]
    static let titles = ["CTO", "CEO", "Founder", "VP Sales", "Head of Product", "Engineer", "Designer", "Partner",
        "Recruiter", "Investor", "Advisor", "Marketing Lead"]
    static let tags = ["friend", "investor", "customer", "engineering", "founder", "press", "hiring", "mentor",
        "conference", "alumni"]
    static let places = ["Web Summit", "a founders dinner", "Meridian Payments", "a climbing gym", "SaaStr",
        "a friend's wedding", "LinkedIn", "a hackathon", "the school gate", "a coffee chat"]
    static let summaries = ["Coffee: payments rewrite", "Intro call about the pilot", "Sent the article on pricing",
        "Lunch, talked hiring", "Quick check-in", "Asked for an intro to their CFO", "Demo of the new release",
        "Drinks after the meetup", "Shared the deck", "Feedback on their launch"]
    static let promiseTexts = ["send the pricing deck", "introduce them to Ana", "share the hiring plan",
        "review their pitch", "send the article", "follow up on the pilot", "book a lunch", "send the contract draft"]

    /// One contact of the set, by index (ids in the database are index + 1).
    func contact(_ index: Int) -> Contact {
        var random = Random(state: seed &+ UInt64(index) &* 0x1000_0001)
        let first = Self.firstNames[index % Self.firstNames.count]
        let last = Self.lastNames[(index / Self.firstNames.count) % Self.lastNames.count]
        // Beyond 100 × 500 names, a generation number keeps names unique.
        let generation = index / (Self.firstNames.count * Self.lastNames.count)
        let name = generation == 0 ? "\(first) \(last)" : "\(first) \(last) \(generation + 1)"
        let slug = "\(first).\(last)\(generation == 0 ? "" : String(generation + 1))".folded
            .filter { $0.isLetter || $0.isNumber || $0 == "." }
        let company = random.pick(Self.companies)
        var emails = ["\(slug)@\(company.folded.filter(\.isLetter)).example"]
        if random.chance(0.4) { emails.append("\(slug)@mail.example") }
        let phone = "+351-9\(random.int(10..<100))-\(random.int(100..<1000))-\(random.int(100..<1000))"
        let circles: [Circle] = [.inner, .active, .active, .network, .network, .network, .acquaintance, .acquaintance]
        let created = Self.reference.addingTimeInterval(-Double(random.int(30..<1800)) * 86400)
        var tags: [String] = []
        for _ in 0..<random.int(0..<4) { let t = random.pick(Self.tags); if !tags.contains(t) { tags.append(t) } }
        let birthday = random.chance(0.7)
            ? RecurringDate(month: random.int(1..<13), day: random.int(1..<29), year: random.chance(0.5) ? random.int(1950..<2004) : nil)
            : nil
        let metOn = random.chance(0.5) ? Day(created, in: Self.utc) : nil
        return Contact(
            name: name, nickname: random.chance(0.1) ? String(first.prefix(3)) : "", company: company,
            title: random.pick(Self.titles), emails: emails, phones: [phone],
            circle: random.chance(0.01) ? .archived : random.pick(circles), tags: tags, birthday: birthday,
            metAt: random.pick(Self.places), metOn: metOn, metVia: random.chance(0.3) ? "an intro" : "",
            drives: random.chance(0.5) ? "Building a team that lasts; \(random.pick(Self.tags))" : "",
            notes: random.chance(0.6) ? "Met at \(random.pick(Self.places)). Likes \(random.pick(Self.tags)) talk." : "",
            createdAt: created, updatedAt: created)
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    // MARK: vCard

    /// All contacts as one vCard 3.0 file.
    func vcardFile() -> String {
        var text = ""
        text.reserveCapacity(contactCount * 420)
        for i in 0..<contactCount { text += Self.vcard(contact(i), uid: "rapport-bench-\(i + 1)") }
        return text
    }

    static func vcard(_ c: Contact, uid: String) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
                .replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: "\n", with: "\\n")
        }
        let parts = c.name.split(separator: " ", maxSplits: 1).map(String.init)
        var lines = ["BEGIN:VCARD", "VERSION:3.0", "UID:\(uid)", "FN:\(esc(c.name))",
                     "N:\(esc(parts.count > 1 ? parts[1] : ""));\(esc(parts[0]));;;"]
        if !c.nickname.isEmpty { lines.append("NICKNAME:\(esc(c.nickname))") }
        for (i, e) in c.emails.enumerated() { lines.append("EMAIL;TYPE=INTERNET\(i == 0 ? ",pref" : ""):\(e)") }
        for p in c.phones { lines.append("TEL;TYPE=CELL:\(p)") }
        lines.append("ORG:\(esc(c.company))")
        lines.append("TITLE:\(esc(c.title))")
        if !c.tags.isEmpty { lines.append("CATEGORIES:\(c.tags.map(esc).joined(separator: ","))") }
        if let b = c.birthday { lines.append("BDAY:\(b.year.map { String(format: "%04d", $0) } ?? "-")-\(String(format: "%02d-%02d", b.month, b.day))") }
        if !c.notes.isEmpty { lines.append("NOTE:\(esc(c.notes))") }
        lines.append("X-RAPPORT-CIRCLE:\(c.circle.rawValue)")
        if !c.drives.isEmpty { lines.append("X-RAPPORT-DRIVES:\(esc(c.drives))") }
        if !c.metAt.isEmpty { lines.append("X-RAPPORT-MET-AT:\(esc(c.metAt))") }
        lines.append("END:VCARD")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One `.vcf` per contact in `folder` (a vdir, as khard reads).
    func writeVdir(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<contactCount {
            let uid = "rapport-bench-\(i + 1)"
            try Data(Self.vcard(contact(i), uid: uid).utf8).write(to: URL(fileURLWithPath: "\(folder)/\(uid).vcf"))
        }
    }

    // MARK: Database

    /// Fills an empty database at `path`: contacts, interactions, promises,
    /// events and snoozes, in one transaction through Store's bulk writer
    /// (what an import and a restore use).
    func writeDatabase(to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try write(into: try Store(path: path))
    }

    /// The same into an open, empty store (a team's book on a server).
    func write(into store: Store) throws {
        var random = Random(state: seed ^ 0xA5A5_A5A5)
        let n = contactCount
        try store.write { tx in try tx.bulk(rebuildingIndexes: true) { bulk in
            for i in 0..<n { try bulk.insert(contact(i)) }
            let kinds = InteractionKind.allCases
            var interactionIDs: [Int64] = []
            interactionIDs.reserveCapacity(interactionCount)
            for _ in 0..<interactionCount {
                let who = Int64(random.int(0..<n) + 1)
                var ids = [who]
                if random.chance(0.1) { ids.append(Int64(random.int(0..<n) + 1)) }
                let at = Self.reference.addingTimeInterval(-Double(random.int(0..<(3 * 365 * 86400))))
                interactionIDs.append(try bulk.insert(Interaction(occurredAt: at, kind: random.pick(kinds),
                                                                  summary: random.pick(Self.summaries), contactIDs: ids)))
            }
            for p in 0..<(openPromiseCount + n / 10) {
                let created = Self.reference.addingTimeInterval(-Double(random.int(0..<(120 * 86400))))
                let due = random.chance(0.8) ? Day(Self.reference, in: Self.utc).adding(days: random.int(-30..<60)) : nil
                let done = p >= openPromiseCount ? created.addingTimeInterval(86400) : nil
                try bulk.insert(Promise(contactID: Int64(random.int(0..<n) + 1), text: random.pick(Self.promiseTexts),
                                          owner: random.chance(0.7) ? .mine : .theirs, due: due, createdAt: created,
                                          interactionID: random.chance(0.5) ? random.pick(interactionIDs) : nil,
                                          doneAt: done))
            }
            for e in 0..<(n / 2000 + 5) {
                let start = Self.reference.addingTimeInterval(Double(random.int(1..<60)) * 86400 + 19 * 3600)
                var attendees: [Int64] = []
                for _ in 0..<random.int(5..<30) {
                    let id = Int64(random.int(0..<n) + 1)
                    if !attendees.contains(id) { attendees.append(id) }
                }
                try bulk.insert(Event(name: "Meetup \(e + 1)", start: start, location: "Lisbon",
                                        attendeeIDs: attendees))
            }
            var snoozed = Set<Int64>()
            for _ in 0..<(n / 100) {
                let id = Int64(random.int(0..<n) + 1)
                if snoozed.insert(id).inserted {
                    try bulk.insert(Snooze(contactID: id, until: Day(Self.reference, in: Self.utc).adding(days: random.int(1..<90))))
                }
            }
        } }
    }
}
