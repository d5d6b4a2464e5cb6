// The import and export formats (`ImportFormat`, `VCardWriter.Version`) come
// through App, as Domain and Store do (Exports.swift), so the executable
// never names a layer below App.
@_exported import Interop
