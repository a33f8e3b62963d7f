import GRDB

/// The store's schema: append-only migrations (never edit one that has
/// shipped). The log of every step is in docs/data-model.md.
enum Schema {
    /// `PRAGMA application_id` of an ikamet store ("ikmt").
    static let applicationId: Int32 = 0x696B_6D74

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-clients-audit-settings") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationId)")
            try db.execute(sql: """
                CREATE TABLE client (
                    id TEXT PRIMARY KEY NOT NULL,
                    doc TEXT NOT NULL,
                    name TEXT NOT NULL,
                    sortName TEXT NOT NULL,
                    search TEXT NOT NULL,
                    attorney TEXT,
                    version INTEGER NOT NULL,
                    createdBy TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    updatedBy TEXT NOT NULL,
                    updatedAt TEXT NOT NULL
                ) STRICT;
                CREATE INDEX client_sortName ON client(sortName, id);
                CREATE INDEX client_attorney ON client(attorney, sortName);

                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    user TEXT NOT NULL,
                    clientId TEXT,
                    entity TEXT NOT NULL,
                    field TEXT NOT NULL,
                    old TEXT,
                    new TEXT
                ) STRICT;
                CREATE INDEX audit_client ON audit(clientId, seq);
                CREATE INDEX audit_batch ON audit(batch);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END;

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    updatedBy TEXT NOT NULL,
                    updatedAt TEXT NOT NULL
                ) STRICT;
                """)
        }
        m.registerMigration("v2-agenda-cache") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;
                CREATE TABLE agenda (
                    clientId TEXT NOT NULL REFERENCES client(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    application TEXT,
                    reason TEXT NOT NULL,
                    explanation TEXT NOT NULL,
                    alwaysOverdue INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX agenda_date ON agenda(date, clientId, kind, application, alwaysOverdue);
                CREATE INDEX agenda_deadline_date ON agenda(date, clientId, kind, application, alwaysOverdue)
                    WHERE kind NOT IN ('awaiting-decision', 'long-term-candidate');
                CREATE INDEX agenda_client ON agenda(clientId);
                CREATE INDEX agenda_kind ON agenda(kind, date, clientId);
                ALTER TABLE client ADD COLUMN cacheFrom TEXT;
                ALTER TABLE client ADD COLUMN cacheTo TEXT;
                ALTER TABLE client ADD COLUMN cacheRules TEXT;
                ALTER TABLE client ADD COLUMN permitType TEXT;
                ALTER TABLE client ADD COLUMN permitEnd TEXT;
                ALTER TABLE client ADD COLUMN nextKind TEXT;
                ALTER TABLE client ADD COLUMN nextDate TEXT;
                ALTER TABLE client ADD COLUMN nationality TEXT;
                UPDATE client SET nationality = json_extract(doc, '$.nationality');
                CREATE INDEX client_cacheTo ON client(cacheTo);
                CREATE INDEX client_cacheFrom ON client(cacheFrom);
                CREATE INDEX client_permitEnd ON client(permitEnd, sortName);
                CREATE INDEX client_nextDate ON client(nextDate, sortName);
                """)
        }
        m.registerMigration("v3-closed-files") { db in
            // RULES.md §11: lists leave closed files out unless asked; the closing date is a list column.
            try db.execute(sql: """
                ALTER TABLE client ADD COLUMN closedOn TEXT;
                UPDATE client SET closedOn = json_extract(doc, '$.closed.date');
                """)
        }
        m.registerMigration("v4-agenda-facts") { db in
            // Issue 11: the agenda cache holds facts (message keys and typed values), never sentences.
            // It is a cache: the rows are dropped and every snapshot is recomputed on the next read.
            try db.execute(sql: """
                DROP TABLE agenda;
                CREATE TABLE agenda (
                    clientId TEXT NOT NULL REFERENCES client(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    application TEXT,
                    reasonFacts TEXT NOT NULL,
                    explanationFacts TEXT NOT NULL,
                    alwaysOverdue INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX agenda_date ON agenda(date, clientId, kind, application, alwaysOverdue);
                CREATE INDEX agenda_deadline_date ON agenda(date, clientId, kind, application, alwaysOverdue)
                    WHERE kind NOT IN ('awaiting-decision', 'long-term-candidate');
                CREATE INDEX agenda_client ON agenda(clientId);
                CREATE INDEX agenda_kind ON agenda(kind, date, clientId);
                -- Listing deadline rows reads only this index (in date order, facts included) and the
                -- client's name from the next one: no random reads of table pages (docs/performance.md).
                CREATE INDEX agenda_deadline_cover ON agenda(date, clientId, kind, application, alwaysOverdue, reasonFacts, explanationFacts)
                    WHERE kind NOT IN ('awaiting-decision', 'long-term-candidate');
                CREATE INDEX IF NOT EXISTS client_id_name ON client(id, name);
                UPDATE client SET cacheFrom = NULL, cacheTo = NULL, cacheRules = NULL;
                DELETE FROM meta WHERE key = 'agendaRules';
                """)
        }
        m.registerMigration("v5-search-variants") { db in
            // Issue 12: the search column holds every folded spelling of a name (SearchFolding: Latin diacritics,
            // Azerbaijani ə, Cyrillic transliterated with its alternatives). It is derived data: recomputed here.
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, name,
                       CASE WHEN json_valid(doc) THEN CAST(json_extract(doc, '$.passport.number') AS TEXT) END AS passport,
                       CASE WHEN json_valid(doc) THEN CAST(json_extract(doc, '$.foreignerId') AS TEXT) END AS foreignerId
                FROM client
                """)
            let update = try db.makeStatement(sql: "UPDATE client SET search = ? WHERE id = ?")
            for row in rows {
                let id: String = row["id"]
                try update.execute(arguments: [OfficeStore.searchText(name: row["name"], id: id, passport: row["passport"],
                                                                      foreignerId: row["foreignerId"]), id])
            }
        }
        m.registerMigration("v6-supporters") { db in
            // Issue 14: a client may name a supporter (RULES.md §2); the supporter's file number is kept in a column
            // so that saving a supporter recomputes the agenda of the clients who depend on them.
            try db.execute(sql: """
                ALTER TABLE client ADD COLUMN supporterId TEXT;
                UPDATE client SET supporterId = CASE WHEN json_valid(doc) THEN CAST(json_extract(doc, '$.supporter.client') AS TEXT) END;
                CREATE INDEX client_supporter ON client(supporterId) WHERE supporterId IS NOT NULL;
                """)
        }
        return m
    }
}
