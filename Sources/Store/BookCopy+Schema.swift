import Foundation
import GRDB

// What `BookCopy` reads of a book's schema, from the engine's own catalog
// (SQLite's `sqlite_master` and pragmas, PostgreSQL's `pg_catalog`), so
// that the copy follows whatever tables and columns the migrations made.

/// A table as the copy sees it.
struct TableShape {
    let name: String
    /// Columns in the table's order; generated ones left out.
    let columns: [String]
    let primaryKey: [String]
    /// Tables its foreign keys point to.
    let parents: Set<String>
    /// Columns of no declared type (SQLite's `meta.value`), which keep a
    /// value's type as it is bound.
    let untyped: Set<String>
}

extension SQLConnection {
    /// Every table of the book but `excluded`, in name order.
    func tableShapes(excluding excluded: Set<String>) throws -> [TableShape] {
        let names = try String.fetchAll(self, sql: isPostgres ? """
            SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1
            """ : """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1
            """)
        return try names.filter { !excluded.contains($0) }.map(shape(of:))
    }

    private func shape(of table: String) throws -> TableShape {
        if isPostgres {
            let columns = try String.fetchAll(self, sql: """
                SELECT a.attname::text FROM pg_attribute a
                WHERE a.attrelid = to_regclass(quote_ident(?)) AND a.attnum > 0 AND NOT a.attisdropped
                    AND a.attgenerated = ''
                ORDER BY a.attnum
                """, arguments: [table])
            let key = try String.fetchAll(self, sql: """
                SELECT a.attname::text FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum)
                """, arguments: [table])
            let parents = try String.fetchAll(self, sql: """
                SELECT p.relname::text FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid
                WHERE c.contype = 'f' AND c.conrelid = to_regclass(quote_ident(?))
                """, arguments: [table])
            return TableShape(name: table, columns: columns, primaryKey: key, parents: Set(parents), untyped: [])
        }
        let columns = try SQLRow.fetchAll(self, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid",
                                          arguments: [table])
        let key = columns.filter { ($0[2] as Int) > 0 }.sorted { ($0[2] as Int) < ($1[2] as Int) }
            .map { $0[0] as String }
        let parents = try String.fetchAll(self, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)",
                                          arguments: [table])
        return TableShape(name: table, columns: columns.map { $0[0] }, primaryKey: key, parents: Set(parents),
                          untyped: Set(columns.filter { ($0[1] as String).isEmpty }.map { $0[0] }))
    }

    /// The table's unique keys, its primary key first; partial and expression indexes left out.
    func uniqueKeys(of table: TableShape) throws -> [[String]] {
        var keys: [[String]] = table.primaryKey.isEmpty ? [] : [table.primaryKey]
        if isPostgres {
            let rows = try SQLRow.fetchAll(self, sql: """
                SELECT i.indexrelid::bigint, a.attname::text FROM pg_index i
                JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) ON true
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisunique
                    AND i.indpred IS NULL AND i.indexprs IS NULL
                ORDER BY 1, k.n
                """, arguments: [table.name])
            var byIndex: [(Int64, [String])] = []
            for row in rows {
                let index: Int64 = row[0], column: String = row[1]
                if byIndex.last?.0 == index {
                    byIndex[byIndex.count - 1].1.append(column)
                } else {
                    byIndex.append((index, [column]))
                }
            }
            keys += byIndex.map(\.1)
        } else {
            let indexes = try String.fetchAll(self, sql: """
                SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND partial = 0 ORDER BY name
                """, arguments: [table.name])
            for index in indexes {
                let columns = try SQLRow.fetchAll(self, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                                                  arguments: [index]).map { $0[0] as String? }
                if !columns.isEmpty, columns.allSatisfy({ $0 != nil }) { keys.append(columns.compactMap { $0 }) }
            }
        }
        var seen: Set<[String]> = []
        return keys.filter { seen.insert($0).inserted }
    }

    /// A table of the book that row-level security hides rows of from this
    /// connection's role, if any (a team's book read by a member who does
    /// not own its tables). Always nil in a file.
    func tableHidingRows() throws -> String? {
        guard isPostgres else { return nil }
        return try String.fetchOne(self, sql: """
            SELECT c.relname::text FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                AND row_security_active(c.oid)
            ORDER BY 1 LIMIT 1
            """)
    }

    func hasRows(_ table: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM \(table.quotedDatabaseIdentifier))") ?? false
    }

    /// The last value each table's id sequence gave (SQLite's AUTOINCREMENT
    /// counters), by table: the ids it will never give again.
    func idSequences() throws -> [String: Int64] {
        let rows: [SQLRow]
        if isPostgres {
            rows = try SQLRow.fetchAll(self, sql: "SELECT t, coalesce(last, 0) FROM (\(Self.ownedSequences)) s")
        } else {
            guard try hasTable("sqlite_sequence") else { return [:] }
            rows = try SQLRow.fetchAll(self, sql: "SELECT name, seq FROM sqlite_sequence")
        }
        var result: [String: Int64] = [:]
        for row in rows {
            let table: String = row[0]
            result[table] = max(result[table] ?? 0, row[1] as Int64? ?? 0)
        }
        return result
    }

    /// Moves each id sequence past the highest id its table holds and past
    /// `given` (the source's sequences). On PostgreSQL the id trigger has
    /// done the first already; `setval` is not undone by a rollback, which
    /// leaves a gap in ids and nothing else.
    func moveIDSequences(past given: [String: Int64]) throws {
        if isPostgres {
            let sequences = try SQLRow.fetchAll(self, sql: """
                SELECT seq, t, col, coalesce(last, 0) FROM (\(Self.ownedSequences)) s
                """)
            for row in sequences {
                let sequence: String = row[0], table: String = row[1], column: String = row[2], last: Int64 = row[3]
                let highest = try Int64.fetchOne(self, sql: """
                    SELECT max(\(column.quotedDatabaseIdentifier)) FROM \(table.quotedDatabaseIdentifier)
                    """) ?? 0
                let wanted = max(highest, given[table] ?? 0)
                if wanted > last {
                    try execute(sql: "SELECT setval(CAST(? AS regclass), CAST(? AS bigint))",
                                arguments: [sequence, wanted])
                }
            }
            return
        }
        let counted = try String.fetchAll(self, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'
            """)
        for table in counted {
            guard let wanted = given[table], wanted > 0 else { continue }
            let counter = try Int64.fetchOne(self, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?",
                                             arguments: [table])
            if counter == nil {
                try execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table, wanted])
            } else {
                try execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?",
                            arguments: [wanted, table, wanted])
            }
        }
    }

    private func hasTable(_ name: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?)",
                          arguments: [name]) ?? false
    }

    /// PostgreSQL: every sequence owned by a column of a table in the book's
    /// schema (`seq`, `t`, `col`), with its last value (`last`, NULL before its first).
    private static let ownedSequences = """
        SELECT s.oid::regclass::text AS seq, t.relname::text AS t, a.attname::text AS col,
            pg_sequence_last_value(s.oid) AS last
        FROM pg_class s
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
            AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace
        """
}
