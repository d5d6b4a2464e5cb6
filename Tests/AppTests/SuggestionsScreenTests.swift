import Foundation
import Store
import TestSupport
import Testing
@testable import App
import UI

/// View 5 (mail suggestions) as values and as golden screens: its rows,
/// its empty state, and the keys that act on a suggestion.
@Suite struct SuggestionsScreenTests {
    typealias F = DashboardFixture
    let renderer = DashboardRenderer(calendar: F.calendar)

    /// In `mailSuggestions`' order: two-way first, then by messages, then recent.
    static let suggestions = [
        MailSuggestion(email: "lucia@acme.example", name: "Lucía Fernández", sent: 3, received: 5,
                       last: F.at(daysAgo: 2)),
        MailSuggestion(email: "chen@shenzhen.example", name: "陈伟", sent: 4, received: 1, last: F.at(daysAgo: 10)),
        MailSuggestion(email: "mallory@evil.example", name: "Mal\u{1B}[2Jlory\u{07}", sent: 0, received: 7,
                       last: F.at(daysAgo: 0)),
        MailSuggestion(email: "events@venue.example", name: "", sent: 0, received: 2, last: F.at(daysAgo: 40)),
    ]

    static func state(_ suggestions: [MailSuggestion]? = suggestions, width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(size: Size(width: width, height: height))
        var library = F.library
        library.suggestions = suggestions
        _ = Reducer(now: { F.now }).reduce(&state, .libraryLoaded(library))
        F.press([.character("5")], &state)
        return state
    }

    @Test(arguments: [(120, 40), (60, 16)])
    func suggestionsView(width: Int, height: Int) {
        let state = Self.state(width: width, height: height)
        #expect(state.view == .suggestions)
        let buffer = renderer.render(state)
        let text = buffer.lines.joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F })
        #expect(text.contains("Mal␛[2Jlory"))
        #expect(text.contains("陈伟"))
        assertSnapshot(buffer, named: "suggestions-\(width)x\(height)")
    }

    @Test func rowsSayTheCountsBothWaysAndTheLastDay() {
        let text = renderer.render(Self.state()).lines.joined(separator: "\n")
        let lucia = try? #require(text.split(separator: "\n").first { $0.contains("Lucía Fernández") })
        #expect(lucia?.contains("lucia@acme.example") == true)
        #expect(lucia?.contains("3 sent · 5 received") == true)
        #expect(lucia?.contains("2d ago") == true)
        #expect(lucia?.contains("⇄") == true)
        // No name: the address stands in for it.
        let venue = text.split(separator: "\n").first { $0.contains("events@venue.example") }
        #expect(venue.map { $0.components(separatedBy: "events@venue.example").count - 1 } == 2)
        // The store's order is kept.
        let order = ["Lucía", "陈伟", "Mal␛", "events@venue"].map { name in
            text.split(separator: "\n").firstIndex { $0.contains(name) } ?? -1
        }
        #expect(order == order.sorted() && !order.contains(-1))
    }

    @Test(arguments: [(120, 40), (60, 16)])
    func emptyStateSaysHowToFillIt(width: Int, height: Int) {
        let buffer = renderer.render(Self.state([], width: width, height: height))
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("No suggestions yet."))
        #expect(text.contains("[capture]"))
        #expect(text.contains("rapport capture"))
        assertSnapshot(buffer, named: "suggestions-empty-\(width)x\(height)")
    }

    @Test func beforeTheJobHasReadThemItSaysSo() {
        let text = renderer.render(Self.state(nil)).lines.joined()
        #expect(text.contains("reading suggestions…"))
        #expect(!text.contains("No suggestions yet."))
    }

    @Test func anEmptyBookStillShowsSuggestionsInViewFive() {
        var state = AppState(size: Size(width: 120, height: 40))
        var library = Library(snapshot: Snapshot(), scorer: AttentionScorer(calendar: F.calendar), now: F.now)
        library.suggestions = Self.suggestions
        _ = Reducer(now: { F.now }).reduce(&state, .libraryLoaded(library))
        #expect(renderer.render(state).lines.joined().contains("Welcome to rapport"))
        F.press([.character("5")], &state)
        let text = renderer.render(state).lines.joined()
        #expect(text.contains("Lucía Fernández"))
        #expect(!text.contains("Welcome to rapport"))
    }

    @Test func helpAndStatusLineSayWhatAAndXDoHere() {
        var state = Self.state()
        let status = renderer.render(state).lines.last ?? ""
        #expect(status.contains("a add as contact"))
        #expect(status.contains("x dismiss for good"))
        #expect(!status.contains("x done"))
        #expect(state.helpRows.contains { $0.section == "In 5 Suggestions" && $0.keys == "x/Space" && $0.label == "dismiss for good" })
        #expect(state.helpRows.contains { $0.section == "In 5 Suggestions" && $0.keys == "a" && $0.label == "add as contact" })
        #expect(state.helpRows.contains { $0.keys == "5" && $0.label == "suggestions" })
        F.press([.character("?")], &state)
        let help = renderer.render(state).lines.joined(separator: "\n")
        #expect(help.contains("dismiss for good") && help.contains("add as contact"))
    }
}

/// The keys of view 5, as values: which form opens, which writes are asked for.
@Suite struct SuggestionsReducerTests {
    typealias F = DashboardFixture
    typealias S = SuggestionsScreenTests

    @Test func aOpensTheAddFormFilledFromTheSuggestionAndSavingAddsTheContact() {
        var state = S.state()
        F.press([.character("a")], &state)
        let form = state.form
        #expect(form?.purpose == .addContact)
        #expect(form?.title == "Add contact from mail")
        let values = Dictionary((form?.form.fields ?? []).map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(values["Name"] == "Lucía Fernández")
        #expect(values["Email"] == "lucia@acme.example")
        let effects = F.press([.enter], &state)
        guard case .write(.addContact(let contact), let description, false)? = effects.first else {
            Issue.record("expected an add-contact write, got \(effects)")
            return
        }
        #expect(contact.name == "Lucía Fernández" && contact.emails == ["lucia@acme.example"])
        #expect(description == "added Lucía Fernández")
    }

    @Test func theFormLeavesOutControlCharactersOfAMailName() {
        var state = S.state()
        F.press([.character("j"), .character("j"), .character("a")], &state)
        let name = state.form?.form.fields.first { $0.label == "Name" }?.value
        #expect(name == "Mal[2Jlory")
        #expect(F.press([.enter], &state).count == 1)
    }

    @Test func xDismissesTheSelectedSuggestionNotAPromise() {
        var state = S.state()
        F.press([.character("j")], &state)
        let effects = F.press([.character("x")], &state)
        #expect(effects == [.write(.dismissSuggestion(email: "chen@shenzhen.example"),
                                   description: "dismissed 陈伟 <chen@shenzhen.example>: not suggested again", isUndo: false)])
        // Elsewhere x still marks a promise done.
        F.press([.character("1")], &state)
        guard case .write(.setPromiseDone, _, _)? = F.press([.character("x")], &state).first else {
            Issue.record("x on the dashboard should mark a promise done")
            return
        }
    }

    @Test func xOnAnEmptyListSaysSoAndWritesNothing() {
        var state = S.state([])
        #expect(F.press([.character("x")], &state).isEmpty)
        #expect(state.message == StatusMessage(text: "no suggestion here", isError: true))
    }

    @Test func theSelectionMovesToTheNextSuggestionWhenOneLeaves() {
        var state = S.state()
        F.press([.character("j")], &state)
        var library = F.library
        library.suggestions = S.suggestions.filter { $0.email != "chen@shenzhen.example" }
        _ = Reducer(now: { F.now }).reduce(&state, .libraryLoaded(library))
        #expect(state.selectedSuggestion?.email == "mallory@evil.example")
        // A reload that keeps it keeps the selection on it, wherever it moved.
        library.suggestions = Array(library.suggestions!.reversed())
        _ = Reducer(now: { F.now }).reduce(&state, .libraryLoaded(library))
        #expect(state.selectedSuggestion?.email == "mallory@evil.example")
    }

    @Test func searchNarrowsByNameOrAddress() {
        var state = S.state()
        F.press([.character("/")] + F.type("venue"), &state)
        #expect(state.suggestionItems.map(\.email) == ["events@venue.example"])
        F.press([.escape, .character("/")] + F.type("lucia"), &state)
        #expect(state.suggestionItems.map(\.email) == ["lucia@acme.example"])
    }
}
