import UI

/// Sample data with the names that break naive terminal code: CJK, emoji
/// (including a ZWJ sequence), a combining accent and an escape sequence.
enum Fixtures {
    struct Person {
        var name: String
        var company: String
        var touches: Int
        var score: Int
        var reason: String
    }

    static let people: [Person] = [
        Person(name: "Ana Lima", company: "Northwind", touches: 5, score: 87, reason: "promise \"send deck\" 3d overdue"),
        Person(name: "王小明", company: "深圳科技", touches: 2, score: 64, reason: "47d since last touch (max 45)"),
        Person(name: "Zoë 🎉 Park", company: "Acme", touches: 7, score: 41, reason: "follow up: met 1d ago"),
        Person(name: "Evil\u{1B}[31mName", company: "Bad\u{7}Corp", touches: 0, score: 30, reason: "control chars shown"),
        Person(name: "José Ramírez", company: "Initech", touches: 3, score: 22, reason: "give first: 3 asks in a row"),
        Person(name: "👩‍👩‍👧 Family Chen", company: "Globex Corporation International", touches: 1, score: 12, reason: "birthday in 4d"),
        Person(name: "Nomvula Dlamini-Mthembu-Khumalo", company: "Umbrella", touches: 6, score: 5, reason: "due"),
    ]

    static let columns = [
        TableColumn(.fill(1)),
        TableColumn(.length(10)),
        TableColumn(.length(7)),
        TableColumn(.length(3), alignment: .right),
    ]

    static let header = TableRow(["Name", "Company", "Rapport", "Scr"])

    static func row(_ i: Int) -> TableRow {
        let p = people[i]
        let scoreRole: Role = p.score > 60 ? .attentionOverdue : p.score > 30 ? .attentionDue : .attentionCalm
        return TableRow([Line(p.name), Line(p.company, role: .muted), RapportDots(filled: p.touches, of: 7).line,
                         Line(String(p.score), role: scoreRole)])
    }

    static func table(focused: Bool = true) -> ListView {
        ListView(count: people.count, columns: columns, header: header, focused: focused, row: row)
    }

    static let notes = """
        Met at the Lisbon fintech meetup, introduced by Carla. Runs partnerships at Northwind; \
        cares about 王小明's payments work and wants an intro.
        Prefers WhatsApp to email. Kids: two, football on Saturdays.

        Next: send the deck, then ask about the Q3 pilot (not before!).
        """

    static let hints = [
        StatusLine.Hint(key: "j/k", label: "move"),
        StatusLine.Hint(key: "Enter", label: "open"),
        StatusLine.Hint(key: "d", label: "done"),
        StatusLine.Hint(key: "l", label: "log"),
        StatusLine.Hint(key: "?", label: "help"),
        StatusLine.Hint(key: "q", label: "quit"),
    ]

    static let help: [HelpView.Entry] = [
        .init(section: "Move", key: "j ↓", label: "next row"),
        .init(section: "Move", key: "k ↑", label: "previous row"),
        .init(section: "Move", key: "g", label: "first row"),
        .init(section: "Move", key: "G", label: "last row"),
        .init(section: "Move", key: "Tab", label: "next pane"),
        .init(section: "Contacts", key: "Enter", label: "open contact"),
        .init(section: "Contacts", key: "a", label: "add contact"),
        .init(section: "Contacts", key: "/", label: "search"),
        .init(section: "Contacts", key: "s", label: "snooze"),
        .init(section: "Promises", key: "d", label: "mark done"),
        .init(section: "Promises", key: "p", label: "add promise"),
        .init(section: "Promises", key: "u", label: "undo"),
        .init(section: "App", key: "?", label: "this help"),
        .init(section: "App", key: "q", label: "quit"),
    ]

    static func form() -> FormState {
        var state = FormState(fields: [
            FormField(label: "Name", value: "Ana Lima"),
            FormField(label: "Circle", kind: .choice(["inner", "active", "network"]), value: "active"),
            FormField(label: "Email", value: "ana@@northwind", error: "not an email address"),
            FormField(label: "Birthday", value: ""),
        ], fieldWidth: 30)
        state.moveLeft()
        state.moveLeft()
        return state
    }

    /// Every widget, as a closure drawing into a rectangle: for the tests
    /// that must hold for all of them (clipping, tiny sizes).
    static let widgets: [(String, @Sendable (Rect, inout Buffer) -> Void)] = [
        ("block", { Block(title: "Attention 王", footer: "Enter open", focused: true).render(in: $0, to: &$1) }),
        ("table", { table().render(in: $0, to: &$1, state: ListState(selected: 2)) }),
        ("list", { ListView(lines: people.map { Line($0.name) }).render(in: $0, to: &$1, state: ListState(selected: 6)) }),
        ("empty list", { ListView(lines: [], emptyMessage: "nobody needs attention").render(in: $0, to: &$1, state: ListState()) }),
        ("paragraph", { Paragraph(notes, scroll: 1).render(in: $0, to: &$1) }),
        ("status", { StatusLine(hints: hints, right: "scored 11:42").render(in: $0, to: &$1) }),
        ("status error", { StatusLine(message: .error("no contact \"王\u{1B}\""), right: "x").render(in: $0, to: &$1) }),
        ("overlay", { Overlay(title: "Log interaction", width: 30, height: 8).render(in: $0, to: &$1) }),
        ("form", { FormView(state: form()).render(in: $0, to: &$1) }),
        ("sparkline", { Sparkline(values: [0, 1, 3, 0, 8, 5, 2]).render(in: $0, to: &$1) }),
        ("dots", { RapportDots(filled: 3, of: 7).render(in: $0, to: &$1) }),
        ("too small", { TooSmallNotice(needed: Size(width: 60, height: 16), actual: Size(width: 9, height: 4)).render(in: $0, to: &$1) }),
        ("help", { HelpView(entries: help, scroll: 2).render(in: $0, to: &$1) }),
    ]
}
