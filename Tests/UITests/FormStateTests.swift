import Testing
@testable import UI

@Suite struct FormStateTests {
    func single(_ value: String, width: Int = 10) -> FormState {
        FormState(fields: [FormField(label: "Name", value: value)], fieldWidth: width)
    }

    @Test func insertsAndDeletesAtTheCursor() {
        var form = single("Ana")
        form.moveHome()
        form.insert("X")
        #expect(form.fields[0].value == "XAna" && form.fields[0].cursor == 1)
        form.moveEnd()
        form.backspace()
        #expect(form.fields[0].value == "XAn" && form.fields[0].cursor == 3)
        form.moveHome()
        form.delete()
        #expect(form.fields[0].value == "An" && form.fields[0].cursor == 0)
        form.moveLeft()
        form.backspace()
        #expect(form.fields[0].value == "An" && form.fields[0].cursor == 0)
        form.moveEnd()
        form.delete()
        form.moveRight()
        #expect(form.fields[0].value == "An" && form.fields[0].cursor == 2)
    }

    @Test func movesOverWideCharactersAsOne() {
        var form = single("王小明🎉")
        #expect(form.fields[0].cursor == 4 && form.fields[0].cursorColumn == 8)
        form.moveLeft()
        form.backspace()
        #expect(form.fields[0].value == "王小🎉")
        #expect(form.fields[0].cursorColumn == 4)
        form.insert("👩‍👩‍👧")
        #expect(form.fields[0].value == "王小👩‍👩‍👧🎉" && form.fields[0].cursor == 3)
    }

    @Test func combiningMarkJoinsThePreviousCharacter() {
        var form = single("Jose")
        form.insert("\u{301}")
        #expect(form.fields[0].value == "José" && form.fields[0].cursor == 4)
    }

    @Test func refusesControlCharactersAndNewlines() {
        var form = single("a")
        form.insert("\u{1B}")
        form.insert("\n")
        form.insert("\t")
        #expect(form.fields[0].value == "a")
    }

    @Test func scrollsToKeepTheCursorVisible() {
        var form = single("", width: 6)
        form.insert("王小明王小明")
        // Cursor at column 12 after the text: the last 6 columns show, the
        // cursor's blank cell included.
        #expect(form.fields[0].scroll == 7)
        form.moveHome()
        #expect(form.fields[0].scroll == 0)
        for _ in 0..<4 { form.moveRight() }
        #expect(form.fields[0].cursorColumn == 8)
        #expect(form.fields[0].scroll == 4)
    }

    @Test func fieldFocusWrapsAndChoicesCycle() {
        var form = Fixtures.form()
        form.focusPrevious()
        #expect(form.focus == 3)
        form.focusNext()
        form.focusNext()
        #expect(form.focus == 1)
        form.insert("x") // ignored in a choice field
        #expect(form.fields[1].value == "active")
        form.cycleChoice()
        #expect(form.fields[1].value == "network")
        form.cycleChoice()
        #expect(form.fields[1].value == "inner")
        form.cycleChoice(forward: false)
        #expect(form.fields[1].value == "network")
        form.setError("pick one", at: 1)
        #expect(form.fields[1].error == "pick one")
        #expect(form.values == ["Ana Lima", "network", "ana@@northwind", ""])
    }

    @Test func emptyFormIgnoresEverything() {
        var form = FormState(fields: [])
        form.insert("a"); form.backspace(); form.delete(); form.focusNext(); form.focusPrevious(); form.cycleChoice()
        form.moveLeft(); form.moveRight(); form.moveHome(); form.moveEnd()
        #expect(form.fields.isEmpty && form.focus == 0)
        var buffer = Buffer(width: 10, height: 3)
        FormView(state: form).render(in: buffer.area, to: &buffer)
        #expect(FormView(state: form).cursorPosition(in: buffer.area) == nil)
    }

    @Test func longWideValueScrollsInTheView() {
        var form = FormState(fields: [
            FormField(label: "Notes", value: "会议在东京举行然后我们去了大阪吃饭"),
            FormField(label: "Tag", value: "vip"),
        ], fieldWidth: 14)
        var buffer = Buffer(width: 24, height: 3)
        FormView(state: form).render(in: buffer.area, to: &buffer)
        assertSnapshot(buffer, named: "form-wide-end")
        for _ in 0..<9 { form.moveLeft() }
        buffer = Buffer(width: 24, height: 3)
        FormView(state: form).render(in: buffer.area, to: &buffer)
        assertSnapshot(buffer, named: "form-wide-middle")
        let cursor = FormView(state: form).cursorPosition(in: buffer.area)!
        #expect(cursor.y == 0)
        #expect(buffer[cursor.x, cursor.y].role == .inputCursor)
    }

    @Test func manyFieldsScrollToTheFocusedOne() {
        var form = FormState(fields: (0..<10).map { FormField(label: "F\($0)", value: "v\($0)") })
        for _ in 0..<7 { form.focusNext() }
        var buffer = Buffer(width: 20, height: 4)
        FormView(state: form).render(in: buffer.area, to: &buffer)
        #expect(buffer.lines.last!.hasPrefix("F7"))
    }
}
