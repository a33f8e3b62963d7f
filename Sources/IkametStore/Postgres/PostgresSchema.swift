/// The office store's schema on PostgreSQL: versioned steps (never edit one that has shipped), recorded in
/// `ikamet_migration`, plus the group roles and what each may do, which PostgreSQL itself enforces
/// (docs/data-model.md, "PostgreSQL"; decision 0034). The tables mirror the SQLite store's v6 schema.
enum PostgresSchema {
    /// The group roles, from the least to the most allowed; each is a member of the one before.
    static let groups = OfficeRole.allCases.map(\.groupName)

    /// The client fields a paralegal may change (RULES.md has no say; decision 0034): contact data, working notes,
    /// trips, applications with their checklists, and the long-term file's documents.
    static let paralegalFields = ["phone", "email", "address", "notes", "trips", "applications", "longTerm"]  // lint:allow-literal JSON keys

    /// Every step, in order.
    static let steps: [(name: String, sql: String)] = [("pg1-office-store", v1), ("pg2-change-notify", v2), ("pg3-audited-changes", v3),
                                                        ("pg4-audit-first", v4)]

    /// Step 3: no change of a client's record without a row of the audit trail in the same transaction, whoever
    /// makes it (psql included): each audit row carries its transaction, and a check deferred to the commit looks
    /// for one naming the client (or a whole-store row, a restore's). Also: a login that owns a database is
    /// never removed through ikamet (another office's owner on a shared server).
    static let v3 = """
        ALTER TABLE audit ADD COLUMN tx bigint;
        CREATE INDEX audit_tx ON audit(tx, clientId);
        CREATE OR REPLACE FUNCTION ikamet_stamp_audit() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            NEW."user" := session_user;
            NEW.seq := nextval('public.audit_seq_seq'::regclass);
            NEW.tx := txid_current();
            RETURN NEW;
        END $$;
        CREATE FUNCTION ikamet_client_audited() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        DECLARE
            id text := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
            -- Read once into a variable: a value the index (tx, clientId) can be probed with.
            me bigint := txid_current();
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.doc IS NOT DISTINCT FROM OLD.doc THEN RETURN NULL; END IF;
            IF NOT EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId = id)
               AND NOT EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId IS NULL AND a.entity = 'store') THEN
                RAISE EXCEPTION 'a change of client % must be recorded in the audit trail in the same transaction', id
                    USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END $$;
        CREATE CONSTRAINT TRIGGER client_audited AFTER INSERT OR UPDATE OR DELETE ON client
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ikamet_client_audited();
        \(removeUserFunction(replacing: true, refusingDatabaseOwners: true))
        """

    /// Step 4: the audit check of step 3 made set-based. Step 3 checked each changed row at the commit, one
    /// trigger call and one index probe per row (an import of 100,000 clients spent 20 s in it); now one check per
    /// statement compares the statement's rows (transition tables) with the transaction's audit rows, which
    /// therefore come first: a change of a client is refused unless its audit row was written before it, in the
    /// same transaction (or, in an admin's transaction, a whole-store row: a restore's). The product writes the
    /// audit rows first.
    static let v4 = """
        DROP TRIGGER client_audited ON client;
        DROP FUNCTION ikamet_client_audited();
        CREATE FUNCTION ikamet_client_audited() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        DECLARE
            me bigint := txid_current();
            missing text;
        BEGIN
            -- A whole-store row (a restore's) stands for every client, in an admin's transaction only: anyone else
            -- writing one still needs a row per client.
            IF pg_has_role(session_user, 'ikamet_admin', 'USAGE')
               AND EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId IS NULL AND a.entity = 'store') THEN
                RETURN NULL;
            END IF;
            -- Each branch is planned when it first runs: it names only the transition tables its trigger has.
            IF TG_OP = 'INSERT' THEN
                SELECT n.id INTO missing FROM changed_new n
                WHERE NOT EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId = n.id) LIMIT 1;
            ELSIF TG_OP = 'DELETE' THEN
                SELECT o.id INTO missing FROM changed_old o
                WHERE NOT EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId = o.id) LIMIT 1;
            ELSE
                -- A row whose record (doc) is unchanged under the same file number is not a change (the list columns).
                SELECT n.id INTO missing FROM changed_new n
                WHERE NOT EXISTS (SELECT 1 FROM changed_old o WHERE o.id = n.id AND o.doc IS NOT DISTINCT FROM n.doc)
                  AND NOT EXISTS (SELECT 1 FROM public.audit a WHERE a.tx = me AND a.clientId = n.id) LIMIT 1;
            END IF;
            IF missing IS NOT NULL THEN
                RAISE EXCEPTION 'a change of client % must be recorded in the audit trail first, in the same transaction', missing
                    USING ERRCODE = '42501';
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER client_audited_insert AFTER INSERT ON client REFERENCING NEW TABLE AS changed_new
            FOR EACH STATEMENT EXECUTE FUNCTION ikamet_client_audited();
        CREATE TRIGGER client_audited_update AFTER UPDATE ON client REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
            FOR EACH STATEMENT EXECUTE FUNCTION ikamet_client_audited();
        CREATE TRIGGER client_audited_delete AFTER DELETE ON client REFERENCING OLD TABLE AS changed_old
            FOR EACH STATEMENT EXECUTE FUNCTION ikamet_client_audited();
        """

    /// What a save does, on no row, rolled back (`PostgresLink.warmUp`): the statement triggers of the audit trail
    /// and of the client table run (and are compiled), the tables' descriptions are loaded.
    static let warmUp = """
        BEGIN;
        SET LOCAL lock_timeout = '200ms';
        SET LOCAL statement_timeout = '2s';
        INSERT INTO audit (batch, at, clientId, entity, field) SELECT 0, '', NULL, '', '' WHERE false;
        UPDATE client SET doc = doc WHERE false;
        DELETE FROM agenda WHERE false;
        SELECT doc, version FROM client WHERE false;
        ROLLBACK
        """

    /// The channel every committed change is announced on (LISTEN/NOTIFY): open screens reload within a second.
    static let changeChannel = "ikamet_change"

    /// Step 2: every statement that adds to the audit trail (every change of a client or a setting) announces
    /// itself on `changeChannel` when its transaction commits.
    static let v2 = """
        CREATE FUNCTION ikamet_notify_change() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            PERFORM pg_catalog.pg_notify('\(changeChannel)', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER audit_notify AFTER INSERT ON audit FOR EACH STATEMENT EXECUTE FUNCTION ikamet_notify_change();
        """

    /// Creates the group roles if this cluster lacks them and links them (admin ⊃ attorney ⊃ paralegal).
    /// Roles belong to the whole cluster: a second ikamet database on the same server shares them.
    static let roles = """
        DO $$
        BEGIN
            -- Two inits on two databases of one cluster may race to create a role: the loser finds it made.
            BEGIN CREATE ROLE ikamet_paralegal NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END;
            BEGIN CREATE ROLE ikamet_attorney NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END;
            BEGIN CREATE ROLE ikamet_admin NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END;
            IF NOT pg_has_role('ikamet_attorney', 'ikamet_paralegal', 'MEMBER') THEN GRANT ikamet_paralegal TO ikamet_attorney; END IF;
            IF NOT pg_has_role('ikamet_admin', 'ikamet_attorney', 'MEMBER') THEN GRANT ikamet_attorney TO ikamet_admin; END IF;
        END $$;
        """

    /// Grants on this database, run after every step (idempotent): nobody outside the groups may connect, the
    /// tables are closed to PUBLIC, and each group gets exactly its rights.
    static func grants(database: String) -> String {
        let db = quoteIdentifier(database)
        return """
            REVOKE CONNECT, TEMPORARY ON DATABASE \(db) FROM PUBLIC;
            GRANT CONNECT ON DATABASE \(db) TO ikamet_paralegal;
            -- Nobody but the owner creates anything in the store's schema (PostgreSQL 14 and older let PUBLIC):
            -- a function planted there could run with another login's rights.
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO ikamet_paralegal;
            GRANT SELECT ON ikamet_migration, client, audit, setting, meta, agenda TO ikamet_paralegal;
            -- A paralegal updates clients; the trigger client_guard limits which fields.
            GRANT UPDATE ON client TO ikamet_paralegal;
            -- The audit trail takes inserts only (no UPDATE, DELETE or TRUNCATE is granted to anyone; triggers refuse them).
            -- Inserts name the change, never its number: seq comes from the sequence (the trigger audit_stamp).
            REVOKE INSERT ON audit FROM ikamet_paralegal;
            GRANT INSERT (batch, at, "user", clientId, entity, field, old, new) ON audit TO ikamet_paralegal;
            GRANT USAGE ON SEQUENCE audit_seq_seq, audit_batch TO ikamet_paralegal;
            -- The agenda snapshots are a cache every reader may refresh.
            GRANT INSERT, UPDATE, DELETE ON agenda, meta TO ikamet_paralegal;
            GRANT INSERT, DELETE ON client TO ikamet_attorney;
            GRANT INSERT, UPDATE, DELETE ON setting TO ikamet_admin;
            REVOKE ALL ON FUNCTION ikamet_add_user(text, text, text), ikamet_remove_user(text) FROM PUBLIC;
            -- Every group may call them; their own first check refuses anyone but an admin, naming the role.
            GRANT EXECUTE ON FUNCTION ikamet_add_user(text, text, text), ikamet_remove_user(text) TO ikamet_paralegal;
            """
    }

    /// An SQL identifier, quoted.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let freeKeys = "ARRAY[" + paralegalFields.map { "'\($0)'" }.joined(separator: ", ") + "]"

    /// Step 1: the tables of the SQLite store's v6 schema (ordering columns in the "C" collation, so that lists come
    /// out in the same order on both engines), the audit trail's guards, identity from the login, the paralegal's
    /// limits, and the admin's functions for people.
    static let v1 = """
        CREATE TABLE client (
            id text COLLATE "C" PRIMARY KEY,
            doc text NOT NULL,
            name text COLLATE "C" NOT NULL,
            sortName text COLLATE "C" NOT NULL,
            search text COLLATE "C" NOT NULL,
            attorney text COLLATE "C",
            version integer NOT NULL,
            createdBy text NOT NULL,
            createdAt text NOT NULL,
            updatedBy text NOT NULL,
            updatedAt text NOT NULL,
            cacheFrom text COLLATE "C",
            cacheTo text COLLATE "C",
            cacheRules text,
            permitType text,
            permitEnd text COLLATE "C",
            nextKind text,
            nextDate text COLLATE "C",
            nationality text,
            closedOn text COLLATE "C",
            supporterId text COLLATE "C"
        );
        CREATE INDEX client_sortName ON client(sortName, id);
        CREATE INDEX client_attorney ON client(attorney, sortName);
        CREATE INDEX client_cacheTo ON client(cacheTo);
        CREATE INDEX client_cacheFrom ON client(cacheFrom);
        CREATE INDEX client_permitEnd ON client(permitEnd, sortName);
        CREATE INDEX client_nextDate ON client(nextDate, sortName);
        CREATE INDEX client_supporter ON client(supporterId) WHERE supporterId IS NOT NULL;

        CREATE SEQUENCE audit_batch;
        CREATE TABLE audit (
            seq bigserial PRIMARY KEY,
            batch bigint NOT NULL,
            at text NOT NULL,
            "user" text NOT NULL DEFAULT session_user,
            clientId text COLLATE "C",
            entity text NOT NULL,
            field text NOT NULL,
            old text,
            new text
        );
        -- The number comes from the trigger audit_stamp alone (no default: a client cannot choose it).
        ALTER TABLE audit ALTER COLUMN seq DROP DEFAULT;
        CREATE INDEX audit_client ON audit(clientId, seq);
        CREATE INDEX audit_batch_index ON audit(batch);

        CREATE TABLE setting (
            key text COLLATE "C" PRIMARY KEY,
            value text NOT NULL,
            version integer NOT NULL,
            updatedBy text NOT NULL,
            updatedAt text NOT NULL
        );

        CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text COLLATE "C" NOT NULL);

        CREATE TABLE agenda (
            clientId text COLLATE "C" NOT NULL REFERENCES client(id) ON DELETE CASCADE,
            kind text COLLATE "C" NOT NULL,
            date text COLLATE "C" NOT NULL,
            application text COLLATE "C",
            reasonFacts text COLLATE "C" NOT NULL,
            explanationFacts text COLLATE "C" NOT NULL,
            alwaysOverdue integer NOT NULL
        );
        CREATE INDEX agenda_date ON agenda(date, clientId, kind, application NULLS FIRST, alwaysOverdue);
        -- The deadline rows alone, as SQLite's agenda_deadline_date: the overdue group and the deadline list read
        -- only these (the literal condition lets the planner choose it).
        CREATE INDEX agenda_deadline_date ON agenda(date, clientId, kind, application NULLS FIRST, alwaysOverdue)
            WHERE kind NOT IN ('awaiting-decision', 'long-term-candidate');
        CREATE INDEX agenda_client ON agenda(clientId);
        CREATE INDEX agenda_kind ON agenda(kind, date, clientId, application NULLS FIRST);

        -- Who did it is the login, never a value the client sends: the audit row's user, and who last changed a
        -- client or a setting.
        CREATE FUNCTION ikamet_stamp_audit() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            NEW."user" := session_user;
            NEW.seq := nextval('public.audit_seq_seq'::regclass);
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_stamp BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION ikamet_stamp_audit();

        CREATE FUNCTION ikamet_audit_frozen() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail cannot be changed or deleted' USING ERRCODE = '42501';
        END $$;
        CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION ikamet_audit_frozen();
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION ikamet_audit_frozen();

        CREATE FUNCTION ikamet_stamp_setting() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            NEW.updatedBy := session_user;
            RETURN NEW;
        END $$;
        CREATE TRIGGER setting_stamp BEFORE INSERT OR UPDATE ON setting FOR EACH ROW EXECUTE FUNCTION ikamet_stamp_setting();

        -- A client's record changes with its version, stamped with the login; a paralegal (a login that is not an
        -- attorney) may change only the fields of PostgresSchema.paralegalFields, and no list column beside them.
        CREATE FUNCTION ikamet_client_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                NEW.createdBy := session_user;
                NEW.updatedBy := session_user;
                RETURN NEW;
            END IF;
            -- Who created the record and when never change; who changed it last is the login that changed the record.
            NEW.createdBy := OLD.createdBy;
            NEW.createdAt := OLD.createdAt;
            IF NEW.doc IS DISTINCT FROM OLD.doc THEN
                IF NEW.version <> OLD.version + 1 THEN
                    RAISE EXCEPTION 'a changed client record takes the next version (%)', OLD.version + 1 USING ERRCODE = '23514';
                END IF;
                NEW.updatedBy := session_user;
            ELSE
                NEW.version := OLD.version;
                NEW.updatedBy := OLD.updatedBy;
                NEW.updatedAt := OLD.updatedAt;
            END IF;
            IF NOT pg_has_role(session_user, 'ikamet_attorney', 'USAGE') AND (
                   NEW.id IS DISTINCT FROM OLD.id OR NEW.name IS DISTINCT FROM OLD.name
                OR NEW.sortName IS DISTINCT FROM OLD.sortName OR NEW.search IS DISTINCT FROM OLD.search
                OR NEW.attorney IS DISTINCT FROM OLD.attorney OR NEW.closedOn IS DISTINCT FROM OLD.closedOn
                OR NEW.supporterId IS DISTINCT FROM OLD.supporterId OR NEW.nationality IS DISTINCT FROM OLD.nationality
                OR NEW.createdBy IS DISTINCT FROM OLD.createdBy OR NEW.createdAt IS DISTINCT FROM OLD.createdAt
                OR (NEW.doc::jsonb - \(freeKeys)) IS DISTINCT FROM (OLD.doc::jsonb - \(freeKeys))) THEN
                RAISE EXCEPTION 'this change to a client needs the role ikamet_attorney'
                    USING ERRCODE = '42501', HINT = 'ikamet_attorney';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER client_guard BEFORE INSERT OR UPDATE ON client FOR EACH ROW EXECUTE FUNCTION ikamet_client_guard();

        -- People: an admin adds and removes logins through these two functions, which run with the rights of the
        -- store's owner (who may create roles) and check the caller's role first. A password arrives as a SCRAM
        -- verifier computed by the client, never in clear.
        CREATE FUNCTION ikamet_add_user(login text, grp text, verifier text) RETURNS void
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            IF NOT pg_has_role(session_user, 'ikamet_admin', 'USAGE') THEN
                RAISE EXCEPTION 'managing users needs the role ikamet_admin' USING ERRCODE = '42501', HINT = 'ikamet_admin';
            END IF;
            IF grp NOT IN ('ikamet_paralegal', 'ikamet_attorney', 'ikamet_admin') THEN
                RAISE EXCEPTION 'unknown role %', grp USING ERRCODE = '22023';
            END IF;
            IF login !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR login LIKE 'pg\\_%' OR login LIKE 'ikamet\\_%' THEN
                RAISE EXCEPTION 'not a user name: %', login USING ERRCODE = '22023';
            END IF;
            IF verifier IS NULL THEN
                EXECUTE format('CREATE ROLE %I LOGIN', login);
            ELSE
                IF verifier !~ '^SCRAM-SHA-256\\$' THEN
                    RAISE EXCEPTION 'a password arrives as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
                END IF;
                EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, verifier);
            END IF;
            EXECUTE format('GRANT %I TO %I', grp, login);
        END $$;

        \(removeUserFunction(replacing: false, refusingDatabaseOwners: false))
        """

    /// The admin's function that removes a login, as step 1 made it and as step 3 remade it (refusing a login that
    /// owns a database): one text, so that the two steps cannot drift apart but where they mean to.
    static func removeUserFunction(replacing: Bool, refusingDatabaseOwners: Bool) -> String {
        let ownerCheck = refusingDatabaseOwners ? """

                IF EXISTS (SELECT FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = login) THEN
                    RAISE EXCEPTION '% owns a database', login USING ERRCODE = '2BP01';
                END IF;
            """ : ""
        return """
            CREATE \(replacing ? "OR REPLACE " : "")FUNCTION ikamet_remove_user(login text) RETURNS void
                LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
            BEGIN
                IF NOT pg_has_role(session_user, 'ikamet_admin', 'USAGE') THEN
                    RAISE EXCEPTION 'managing users needs the role ikamet_admin' USING ERRCODE = '42501', HINT = 'ikamet_admin';
                END IF;
                IF login = session_user THEN
                    RAISE EXCEPTION 'a login cannot remove itself' USING ERRCODE = '22023';
                END IF;
                -- Only a login that belongs to one of the groups and is nothing more (no superuser).
                IF NOT EXISTS (
                    SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
                    WHERE r.rolname = login AND r.rolcanlogin AND NOT r.rolsuper
                      AND g.rolname IN ('ikamet_paralegal', 'ikamet_attorney', 'ikamet_admin')) THEN
                    RAISE EXCEPTION 'no ikamet user %', login USING ERRCODE = '42704';
                END IF;\(ownerCheck)
                EXECUTE format('DROP ROLE %I', login);
            END $$;
            """
    }

    /// Whether the database holds an office store (one boolean column, `present`).
    static let storePresent = "SELECT to_regclass('public.ikamet_migration') IS NOT NULL AS present"

    /// The ikamet groups the login holds (one text column, `grp`); its parameter is `groups` as an array literal.
    static let heldGroups = "SELECT g AS grp FROM unnest($1::text[]) AS g WHERE pg_has_role(session_user, g, 'USAGE')"
}

extension OfficeRole {
    /// The highest of the roles whose group names are `held` (nil: none).
    static func highest(of held: [String]) -> OfficeRole? {
        allCases.last { held.contains($0.groupName) }
    }
}
