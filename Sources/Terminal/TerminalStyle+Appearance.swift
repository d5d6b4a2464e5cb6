import UI

extension TerminalStyle {
    /// A theme's look for one role, as ncurses colour numbers and attributes.
    public init(_ appearance: Appearance) {
        var attributes: Attributes = []
        if appearance.bold { attributes.insert(.bold) }
        if appearance.dim { attributes.insert(.dim) }
        if appearance.underline { attributes.insert(.underline) }
        if appearance.reverse { attributes.insert(.reverse) }
        if appearance.italic { attributes.insert(.italic) }
        self.init(foreground: Int32(appearance.foreground.index ?? -1),
                  background: Int32(appearance.background.index ?? -1), attributes: attributes)
    }
}
