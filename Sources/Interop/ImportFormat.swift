import Foundation

/// The formats `rapport import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case vcard, csv, linkedin, google, json

    /// The format of a file, from its extension, else from its first bytes:
    /// `BEGIN:VCARD` is vCard, `{` JSON, anything else CSV (whose flavor the
    /// header then tells: LinkedIn's `Connected On`, Google's `E-mail 1 - Value`).
    public static func detect(path: String, data: Data) -> ImportFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "vcf", "vcard": return .vcard
        case "json": return .json
        case "csv", "tsv": return csvFlavor(data)
        default: break
        }
        var bytes = data.prefix(4096)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let head = String(decoding: bytes, as: UTF8.self).drop(while: { $0.isWhitespace || $0.isNewline })
        if head.uppercased().hasPrefix("BEGIN:VCARD") { return .vcard }
        if head.hasPrefix("{") { return .json }
        return csvFlavor(data)
    }

    private static func csvFlavor(_ data: Data) -> ImportFormat {
        guard let text = try? ContactCSV.decodedText(data.prefix(64 * 1024)),
              let rows = try? ContactCSV.parseRows(text), let index = ContactCSV.headerRow(in: rows) else { return .csv }
        switch ContactCSV.guessFlavor(rows[index].fields) {
        case .generic: return .csv
        case .linkedin: return .linkedin
        case .google: return .google
        }
    }

    /// The CSV flavor this format asks for, nil for vCard and JSON.
    public var csvFlavor: ContactCSV.Flavor? {
        switch self {
        case .csv: return .generic
        case .linkedin: return .linkedin
        case .google: return .google
        case .vcard, .json: return nil
        }
    }
}
