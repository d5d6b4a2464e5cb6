// App: rapport's application layer. It owns state, turns keys into commands
// through a keymap that is data, runs effects (store writes, imports, the
// scoring timer) off the UI thread, and carries the logic behind the
// scripting commands. Imported only by the executable.
import Foundation
import TOMLKit

/// A value read from a settings file (config, playbook, theme), as plain
/// Swift data so that the rest of App, and UI's theme model, never see TOMLKit.
public indirect enum SettingValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([SettingValue])
    case table([String: SettingValue])

    public var table: [String: SettingValue]? {
        if case .table(let t) = self { return t }
        return nil
    }

    /// Integers are accepted where a decimal is expected: `weight = 10`.
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var int: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "true or false"
        case .array: return "a list"
        case .table: return "a table"
        }
    }
}

/// A settings file that could not be used, with where and why.
public struct SettingsError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// Reads TOML text into `SettingValue`s.
public enum SettingsReader {
    public static func parse(_ text: String, file: String) throws -> [String: SettingValue] {
        do {
            return convert(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw SettingsError(file: file, "line \(error.source.begin.line): \(error.description)")
        }
    }

    /// Reads `path`; a missing file is an empty table, anything else unreadable is an error.
    public static func load(path: String) throws -> [String: SettingValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw SettingsError(file: path, "cannot be read")
            }
            return [:]
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(file: path, "is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    static func convert(_ table: TOMLTable) -> [String: SettingValue] {
        var result: [String: SettingValue] = [:]
        for (key, value) in table { result[key] = convert(value) }
        return result
    }

    static func convert(_ value: TOMLValueConvertible) -> SettingValue {
        if let t = value.table { return .table(convert(t)) }
        if let a = value.array { return .array(a.map { convert($0) }) }
        if let b = value.bool { return .bool(b) }
        if let i = value.int { return .int(i) }
        if let d = value.double { return .double(d) }
        if let s = value.string { return .string(s) }
        return .string(value.debugDescription)
    }
}
