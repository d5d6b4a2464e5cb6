import Foundation
import Testing
@testable import App
import UI

/// Key sequences through the real keymap, router and reducer, checked as
/// values: what the state becomes and which writes are asked for.
@Suite struct ReducerTests {
    typealias F = DashboardFixture

    @Test func xMarksTheTopContactsMostPressingPromiseDone() {
        var state = F.state()
        #expect(state.attentionItems.first?.contactID == 1)
        let effects = F.press([.character("x")], &state)
        #expect(effects == [.write(.setPromiseDone(200, F.now), description: "done: send the pricing deck", isUndo: false)])
        #expect(state.pendingWrites == 1)
    }

    @Test func spaceInThePromisesPaneTogglesTheSelectedPromise() {
        var state = F.state()
        let effects = F.press([.tab, .tab, .down, .character(" ")], &state)
        #expect(state.focus == .promises)
        #expect(effects == [.write(.setPromiseDone(201, F.now), description: "done: intro to José", isUndo: false)])
    }

    @Test func aDonePromiseToggledAgainIsNotDone() {
        var state = F.state()
        F.press([.character("3"), .character("f"), .character("f"), .character("f")], &state)
        #expect(state.promiseFilter == .done)
        let effects = F.press([.character("x")], &state)
        #expect(effects == [.write(.setPromiseDone(204, nil), description: "not done: book the venue", isUndo: false)])
    }

    @Test func undoRunsTheInverseOfTheLastWrite() {
        var state = F.state()
        let reducer = Reducer(now: { F.now })
        _ = reducer.reduce(&state, .writeFinished(description: "done: send the pricing deck",
                                                  undo: UndoStep(write: .setPromiseDone(200, nil), description: "done: send the pricing deck"),
                                                  isUndo: false))
        #expect(state.message?.text == "done: send the pricing deck (u: undo)")
        let effects = F.press([.character("u")], &state)
        #expect(effects == [.write(.setPromiseDone(200, nil), description: "done: send the pricing deck", isUndo: true)])
        #expect(state.undo.isEmpty)
        #expect(F.press([.character("u")], &state).isEmpty)
        #expect(state.message?.text == "nothing to undo")
    }

    @Test func logFormWritesOneInteractionWithEveryoneNamed() {
        var state = F.state()
        F.press([.character("l")], &state)
        #expect(state.form?.purpose == .logInteraction(1))
        let effects = F.press(F.type("Lunch at Tasca") + [.tab] + F.type(", jose") + [.enter], &state)
        #expect(state.form == nil)
        guard case .write(.logInteraction(let interaction), let description, false)? = effects.first else {
            Issue.record("expected a log write, got \(effects)")
            return
        }
        #expect(interaction.contactIDs == [1, 3])
        #expect(interaction.kind == .meeting)
        #expect(interaction.summary == "Lunch at Tasca")
        #expect(interaction.occurredAt == F.now)
        #expect(description == "logged meeting with Ana Lima, José Álvarez")
    }

    @Test func invalidFormInputIsShownInlineAndNothingIsWritten() {
        var state = F.state()
        F.press([.character("p")], &state)
        var effects = F.press([.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.form?.form.fields[0].error == "cannot be empty")
        effects = F.press(F.type("call back") + [.tab, .tab, .home] + Array(repeating: .delete, count: 20)
                          + F.type("2026-02-30") + [.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.form?.form.fields[2].error == "2026-02-30 is not a date (no such day)")
        effects = F.press([.escape], &state)
        #expect(effects.isEmpty)
        #expect(state.form == nil)
        #expect(state.message?.text == "cancelled, nothing saved")
    }

    @Test func addContactRejectsControlCharactersInTheName() {
        var state = F.state()
        F.press([.character("a")], &state)
        // The form itself refuses control characters typed into it.
        F.press([.character("\u{1B}")] + F.type("Nadia") + [.enter], &state)
        #expect(state.form == nil)
        state = F.state()
        F.press([.character("a")], &state)
        state.form?.form.fields[0].value = "Bad\u{1B}Name"
        let effects = F.press([.enter], &state)
        #expect(effects.isEmpty)
        #expect(state.form?.form.fields[0].error == "cannot contain control characters")
    }

    @Test func searchFiltersAsYouTypeAndEscClears() {
        var state = F.state()
        F.press([.character("/")] + F.type("jose"), &state)
        #expect(state.search.typing)
        #expect(state.attentionItems.map(\.contactID) == [3])
        F.press([.enter], &state)
        #expect(!state.search.typing)
        #expect(state.search.query == "jose")
        #expect(state.selectedContactID == 3)
        F.press([.escape], &state)
        #expect(state.search.query.isEmpty)
        #expect(state.attentionItems.count == F.state().attentionItems.count)
        // Fuzzy over the name, and by company or tag.
        F.press([.character("/")] + F.type("fintech"), &state)
        #expect(state.attentionItems.map(\.contactID) == [1])
    }

    @Test func movesStayInsideTheList() {
        var state = F.state()
        let count = state.attentionItems.count
        F.press([.character("G")], &state)
        #expect(state.list(.attention).selected == count - 1)
        F.press([.character("j"), .character("j")], &state)
        #expect(state.list(.attention).selected == count - 1)
        F.press([.character("g"), .character("k")], &state)
        #expect(state.list(.attention).selected == 0)
    }

    @Test func enterOpensTheContactAndEscGoesBack() {
        var state = F.state()
        F.press([.character("j"), .enter], &state)
        #expect(state.screen == .contact(3))
        F.press([.escape], &state)
        #expect(state.screen == nil)
        F.press([.character("4"), .enter], &state)
        #expect(state.screen == .eventPrep(300))
    }

    @Test func archiveAndSnoozeAskForTheirWrites() {
        var state = F.state()
        #expect(F.press([.character("d")], &state)
                == [.write(.setArchived(1, true), description: "archived Ana Lima", isUndo: false)])
        F.press([.character("s")], &state)
        let effects = F.press([.enter], &state)
        #expect(effects == [.write(.snooze(1, F.today.adding(days: 7)), description: "snoozed Ana Lima until 2026-11-30",
                                   isUndo: false)])
    }

    @Test func selectionFollowsTheContactWhenScoresChange() {
        var state = F.state()
        F.press([.character("j")], &state)
        #expect(state.selectedContactID == 3)
        var snapshot = F.snapshot
        snapshot.promises.removeAll { $0.id == 200 } // Ana drops down the list
        _ = Reducer().reduce(&state, .libraryLoaded(Library(snapshot: snapshot, scorer: AttentionScorer(calendar: F.calendar),
                                                            now: F.now)))
        #expect(state.selectedContactID == 3)
    }

    @Test func helpComesFromTheKeymapAndUserKeysOverrideDefaults() {
        let keymap = Keymap(overrides: ["quit": ["Q"], "help": ["F1"], "nonsense": ["z"]])
        #expect(keymap.command(for: .character("Q")) == .quit)
        #expect(keymap.command(for: .character("q")) == nil)
        #expect(keymap.command(for: .function(1)) == .help)
        #expect(keymap.warnings == ["keys: unknown command nonsense"])
        var state = AppState(size: Size(width: 120, height: 40), keymap: keymap)
        #expect(state.helpRows.contains { $0.keys == "Q" && $0.label == "quit" })
        #expect(F.press([.character("Q")], &state) == [.quit])
        #expect(!state.running)
    }

    @Test func keyBoundTwiceIsReported() {
        let keymap = Keymap(overrides: ["quit": ["x"], "toggle_done": ["x"]])
        #expect(keymap.warnings.contains { $0.contains("bound to both") })
    }
}

@Suite struct FirstLoadTests {
    @Test func aListThatWasEmptySelectsItsFirstRowWhenDataArrives() {
        var state = AppState(size: Size(width: 120, height: 40))
        let reducer = Reducer(now: { DashboardFixture.now })
        _ = reducer.reduce(&state, .libraryLoaded(Library(snapshot: Snapshot(), scorer: AttentionScorer(calendar: DashboardFixture.calendar),
                                                          now: DashboardFixture.now)))
        #expect(state.selectedContactID == nil)
        _ = reducer.reduce(&state, .libraryLoaded(DashboardFixture.library))
        #expect(state.selectedContactID == 1)
        #expect(state.list(.promisePane).selected == 0)
    }
}
