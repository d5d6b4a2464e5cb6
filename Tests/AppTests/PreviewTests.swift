import Domain
import Foundation
import Testing
@testable import App
@testable import Store

/// The first frame comes from the attention cache (`Library.preview`): it
/// holds only the first rows' contacts, but its counts and promises pane must
/// be the full library's, or the header would change under the user's eyes.
@Suite struct PreviewTests {
    @Test func thePreviewCountsAndListsWhatTheFullLibraryDoes() throws {
        // Given 30 contacts each owing or owed a promise, some overdue, scored into the cache
        let fx = try ScriptingFixture()
        let s = fx.scripting()
        for i in 0..<30 {
            try fx.add("Person \(i)", metOn: "\(i + 10) days ago")
            _ = try s.promise("#\(i + 1)", text: "promise \(i)", due: i.isMultiple(of: 3) ? "\(i + 1) days ago" : "in \(i) days",
                              theirs: i.isMultiple(of: 4))
        }
        _ = try s.due(all: false)
        // When the preview is built with room for only 5 rows
        let preview = try #require(try Library.preview(store: fx.store, scorer: s.scorer, now: fx.now, rows: 5))
        let full = try s.library()
        // Then it shows the same counts and the same promises pane as the full library
        #expect(preview.attention.count == 5)
        #expect(preview.needingAttentionCount == full.needingAttentionCount)
        #expect(preview.overdueMinePromiseCount == full.overdueMinePromiseCount)
        #expect(preview.overdueMinePromiseCount > 0)
        #expect(preview.openPromises.map(\.id) == full.openPromises.map(\.id))
        #expect(Array(preview.attention.map(\.contactID)) == Array(full.attention.prefix(5).map(\.contactID)))
    }

    @Test func tiesComeInNameOrderAsInTheFullLibrary() throws {
        // Given ten people in the same situation, added in an order unlike their names'
        let fx = try ScriptingFixture()
        let s = fx.scripting()
        for name in ["Zoe", "Yan", "Xia", "Wim", "Ana", "Bo", "Cy", "Dee", "Eve", "Fay"] { try fx.add(name, metOn: "200 days ago") }
        _ = try s.due(all: false)
        // When the first screen is read from the cache with room for three rows
        let preview = try #require(try Library.preview(store: fx.store, scorer: s.scorer, now: fx.now, rows: 3))
        // Then they are the three the full library puts first: the first by name
        let full = try s.library()
        #expect(preview.attention.map { preview.name(of: $0.contactID) } == ["Ana", "Bo", "Cy"])
        #expect(Array(full.attention.prefix(3).map(\.contactID)) == preview.attention.map(\.contactID))
    }
}
