-- GrainMarket's PostgreSQL storage for Orleans transactional state (ITransactionalStateStorage<T>, see
-- src/Persistence.PostgreSql). One row per transactional state of a grain: the committed state, the transaction
-- protocol's metadata (commit records) and the prepared but not yet confirmed states, all written by one
-- version-checked statement per store. The payloads are Orleans' binary serialization, so they follow the same
-- [Id]/[Alias] version-tolerance rules as the grain contracts. Read models derived from a committed state are
-- written in the same PostgreSQL transaction as the row.

CREATE TABLE IF NOT EXISTS orleans_transactional_state (
    service_id            text        NOT NULL,
    grain_id              text        NOT NULL,
    state_name            text        NOT NULL,
    version               bigint      NOT NULL CHECK (version > 0),  -- the storage ETag; +1 on every store
    committed_sequence_id bigint      NOT NULL CHECK (committed_sequence_id >= 0),
    committed_state       bytea       NULL,                          -- NULL: nothing committed yet (a new state)
    metadata              bytea       NOT NULL,
    pending               bytea       NULL,                          -- NULL: no prepared state waits
    modified_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
);

-- Stores one state: inserts it when the caller has never seen a row (expected version NULL), otherwise updates it
-- only if its version is still the expected one. Any other outcome raises GM001, so that the statements batched
-- after it (the read models of the same commit) roll back with it. Returns the new version.
CREATE OR REPLACE FUNCTION orleans_store_transactional_state(
    p_service_id            text,
    p_grain_id              text,
    p_state_name            text,
    p_expected_version      bigint,
    p_committed_sequence_id bigint,
    p_commit                boolean,
    p_committed_state       bytea,
    p_metadata              bytea,
    p_pending               bytea)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_version bigint;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_transactional_state AS s
            (service_id, grain_id, state_name, version, committed_sequence_id, committed_state, metadata, pending)
        VALUES
            (p_service_id, p_grain_id, p_state_name, 1, p_committed_sequence_id,
             CASE WHEN p_commit THEN p_committed_state END, p_metadata, p_pending)
        ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
        RETURNING s.version INTO v_version;
    ELSE
        UPDATE orleans_transactional_state AS s
        SET version               = s.version + 1,
            committed_sequence_id = p_committed_sequence_id,
            committed_state       = CASE WHEN p_commit THEN p_committed_state ELSE s.committed_state END,
            metadata              = p_metadata,
            pending               = p_pending,
            modified_at           = now()
        WHERE s.service_id = p_service_id
          AND s.grain_id = p_grain_id
          AND s.state_name = p_state_name
          AND s.version = p_expected_version
        RETURNING s.version INTO v_version;
    END IF;

    IF v_version IS NULL THEN
        RAISE EXCEPTION 'transactional state %/% changed since version %', p_grain_id, p_state_name, coalesce(p_expected_version::text, 'none')
            USING ERRCODE = 'GM001';
    END IF;

    RETURN v_version;
END
$$;

-- Refuses the writes of a silo that the membership table has declared dead (status 6): a silo frozen past its
-- death vote may resume and write before it learns that it is dead, while its grains already live elsewhere.
-- Raises GM002, which rolls back the whole batch it starts.
CREATE OR REPLACE FUNCTION orleans_assert_silo_alive(
    p_cluster_id text,
    p_address    text,
    p_port       integer,
    p_generation integer)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM orleansmembershiptable m
        WHERE m.deploymentid = p_cluster_id
          AND m.address = p_address
          AND m.port = p_port
          AND m.generation = p_generation
          AND m.status = 6) THEN
        RAISE EXCEPTION 'silo %:%@% is declared dead in cluster %', p_address, p_port, p_generation, p_cluster_id
            USING ERRCODE = 'GM002';
    END IF;
END
$$;
