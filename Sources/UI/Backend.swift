/// Where frames go and keys come from: ncurses in the Terminal target, an
/// in-memory screen in tests. App talks only to this.
public protocol Backend: AnyObject {
    /// Columns and rows, as of the last resize.
    var size: Size { get }
    /// Shows `buffer`, sending only the cells that differ from the last frame.
    func draw(_ buffer: Buffer)
    /// The next key, or nil when none came within `timeoutMilliseconds`.
    func nextKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal back (Ctrl-Z), then takes it again.
    func suspend()
    /// Restores the terminal for good.
    func close()
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
