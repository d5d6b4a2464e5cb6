import Domain
import Foundation
import UI

/// Draws the whole screen for a state: the view tabs, the current view or
/// screen, overlays (help, forms) and the status line. A pure function of
/// state and size, so every screen has a golden test.
public final class DashboardRenderer {
    /// Below this the layout cannot be read; a notice says so instead.
    public static let minimumSize = Size(width: 60, height: 16)

    let format: Format

    public init(calendar: Calendar) {
        self.format = Format(calendar: calendar)
    }

    public func render(_ state: AppState) -> Buffer {
        var buffer = Buffer(size: state.size)
        let screen = buffer.area
        guard state.size.width >= Self.minimumSize.width, state.size.height >= Self.minimumSize.height else {
            TooSmallNotice(needed: Self.minimumSize, actual: state.size).render(in: screen, to: &buffer)
            return buffer
        }
        let rows = screen.split(.vertical, [.length(1), .fill(1), .length(1)])
        renderTabs(state, in: rows[0], to: &buffer)
        let body = rows[1]
        if let library = state.library {
            // Suggestions show on an empty book too: they are one way to start it.
            if library.isEmpty && !(state.view == .suggestions && state.screen == nil) {
                WelcomeView(keymap: state.keymap).render(in: body, to: &buffer)
            } else {
                renderBody(state, library, in: body, to: &buffer)
            }
        } else {
            buffer.put(Line("scoring…", role: .muted), in: body.centered(width: 9, height: 1), row: 0)
        }
        StatusBar(state: state, format: format).render(in: rows[2], to: &buffer)
        if state.helpVisible {
            let entries = state.helpRows.map { HelpView.Entry(section: $0.section, key: $0.keys, label: $0.label) }
            let help = HelpView(entries: entries, scroll: state.list(.help).offset, title: "Help: keys",
                                footer: "Esc close · keys from config.toml [keys]")
            help.render(in: screen, to: &buffer)
        }
        if let session = state.form {
            renderForm(session, in: screen, to: &buffer)
        }
        return buffer
    }

    private func renderTabs(_ state: AppState, in area: Rect, to buffer: inout Buffer) {
        buffer.fill(area, role: .statusBar)
        var crumb: [Span] = []
        if let screen = state.screen, let library = state.library {
            switch screen {
            case .contact(let id): crumb.append(Span(" › \(library.name(of: id)) ", .selection))
            case .eventPrep(let id):
                let name = library.events.first { $0.id == id }?.name ?? "event"
                crumb.append(Span(" › prep: \(name) ", .selection))
            }
        }
        // The overdue count matters more than the other tabs' names: they
        // shrink to their numbers, from the right, until both fit. On a
        // team's book a shorter summary comes next, so that whose view it is
        // stays on screen (it changes what every list means).
        let summaries = state.library.map(summaries) ?? [Line("")]
        var spans: [Span] = []
        var shown: Line?
        search: for summary in summaries {
            for shortened in 0...View.allCases.count {
                spans = [Span(" rapport ", .title)] + tabs(state, shortening: shortened) + crumb
                if Line(spans).width < area.width - summary.width {
                    shown = summary
                    break search
                }
            }
        }
        buffer.put(Line(spans), in: area, row: 0)
        if let shown, shown.width > 0 {
            buffer.put(shown, x: area.maxX - shown.width, y: area.y, clip: area)
        }
    }

    /// "1 overdue promise · 5 need attention", for the right of the tab bar;
    /// on a team's book, whose view it is first ("team view · …"), then
    /// shorter forms of it, longest first, for a narrow terminal:
    /// "team view · 1 overdue promise", "team view".
    private func summaries(_ library: Library) -> [Line] {
        let overdue = library.overdueMinePromiseCount
        let view = library.team.map { Span($0.showsEveryone ? "team view" : "your view", .statusBar) }
        let late = overdue > 0 ? Span("\(overdue) overdue promise\(overdue == 1 ? "" : "s")", .attentionOverdue) : nil
        let attention = Span("\(library.needingAttentionCount) need attention", .statusBar)
        let separator = Span(" · ", .statusBar), end = Span(" ", .statusBar)
        func line(_ parts: [Span?]) -> Line {
            let kept = parts.compactMap { $0 }
            return Line(kept.indices.flatMap { $0 == 0 ? [kept[$0]] : [separator, kept[$0]] } + [end])
        }
        guard let view else { return [line([late, attention])] }
        return [line([view, late, attention])] + (late == nil ? [] : [line([view, late])]) + [line([view])]
    }

    /// One tab per view; the last `shortening` of those that are not the
    /// current view show only their number.
    private func tabs(_ state: AppState, shortening: Int) -> [Span] {
        let others = View.allCases.filter { $0 != state.view }
        let short = Set(others.suffix(shortening))
        return View.allCases.map { view in
            let current = view == state.view && state.screen == nil
            let label = short.contains(view) ? " \(view.rawValue) " : " \(view.rawValue) \(view.title) "
            return Span(label, current ? .selection : .statusBar)
        }
    }

    private func renderBody(_ state: AppState, _ library: Library, in area: Rect, to buffer: inout Buffer) {
        switch state.screen {
        case .contact(let id)?:
            ContactDetailView(state: state, library: library, contactID: id, format: format).render(in: area, to: &buffer)
            return
        case .eventPrep(let id)?:
            if let event = library.events.first(where: { $0.id == id }) {
                EventPrepView(brief: EventBrief(event: event, library: library), format: format,
                              scroll: state.list(.eventPrep).selected ?? 0).render(in: area, to: &buffer)
            }
            return
        case nil:
            break
        }
        switch state.view {
        case .dashboard:
            let columns = area.split(.horizontal, [.percentage(55), .fill(1)])
            let right = columns[1].split(.vertical, [.percentage(50), .fill(1)])
            Panes.attention(state, library, in: columns[0], to: &buffer)
            Panes.timeline(state, library, format: format, in: right[0], to: &buffer)
            Panes.promises(state, library, in: right[1], to: &buffer)
        case .contacts:
            Panes.contacts(state, library, format: format, in: area, to: &buffer)
        case .promises:
            Panes.promiseList(state, library, format: format, in: area, to: &buffer)
        case .events:
            Panes.events(state, library, format: format, in: area, to: &buffer)
        case .suggestions:
            SuggestionsView(state: state, library: library).render(in: area, to: &buffer)
        }
    }

    private func renderForm(_ session: FormSession, in screen: Rect, to buffer: inout Buffer) {
        let errors = session.form.fields.filter { $0.error != nil }.count
        let height = session.form.fields.count + errors + 4
        let overlay = Overlay(title: session.title, footer: "Tab next · Enter save · Esc cancel",
                              width: min(76, screen.width - 2), height: height)
        let inside = overlay.render(in: screen, to: &buffer)
        FormView(state: session.form).render(in: inside.inset(by: 0), to: &buffer)
    }
}
