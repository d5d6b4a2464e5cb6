import Domain
import Foundation

// One-call forms of the trash operations, each in its own transaction.
extension Store {
    @discardableResult
    public func moveContactToTrash(id: Int64, at now: Date) throws -> Int64 {
        try write { try $0.moveContactToTrash(id: id, at: now) }
    }
    public func trash(now: Date) throws -> [TrashEntry] { try read { try $0.trash(now: now) } }
    @discardableResult
    public func restoreFromTrash(id: Int64) throws -> Contact { try write { try $0.restoreFromTrash(id: id) } }
    @discardableResult
    public func purgeTrash(now: Date) throws -> Int { try write { try $0.purgeTrash(now: now) } }
}
