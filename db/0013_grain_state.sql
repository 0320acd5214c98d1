-- GrainMarket's grain storage for persistent states that have read models (PostgresGrainStorage, provider name
-- "postgres", see src/Persistence.PostgreSql): one row per grain state, written with one version-checked statement
-- in the same PostgreSQL transaction as its read-model rows. States without read models use Orleans' AdoNet grain
-- storage (OrleansStorage, db/0011_orleans.sql). The payload is Orleans' binary serialization, as there.

CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    state_name  text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),  -- the storage ETag; +1 on every write
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
);

-- Writes one state: inserts it when the caller has seen no row (expected version NULL), otherwise updates it only if
-- its version is still the expected one. Any other outcome raises GM001, rolling back the read-model statements
-- batched after it. Returns the new version.
CREATE OR REPLACE FUNCTION orleans_write_grain_state(
    p_service_id       text,
    p_grain_id         text,
    p_state_name       text,
    p_expected_version bigint,
    p_payload          bytea)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_version bigint;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO orleans_grain_state AS s (service_id, grain_id, state_name, version, payload)
        VALUES (p_service_id, p_grain_id, p_state_name, 1, p_payload)
        ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
        RETURNING s.version INTO v_version;
    ELSE
        UPDATE orleans_grain_state AS s
        SET version = s.version + 1, payload = p_payload, modified_at = now()
        WHERE s.service_id = p_service_id
          AND s.grain_id = p_grain_id
          AND s.state_name = p_state_name
          AND s.version = p_expected_version
        RETURNING s.version INTO v_version;
    END IF;

    IF v_version IS NULL THEN
        RAISE EXCEPTION 'grain state %/% changed since version %', p_grain_id, p_state_name, coalesce(p_expected_version::text, 'none')
            USING ERRCODE = 'GM001';
    END IF;

    RETURN v_version;
END
$$;

-- Deletes one state's row if it is at the expected version (NULL: there must be no row); otherwise raises GM001.
CREATE OR REPLACE FUNCTION orleans_clear_grain_state(
    p_service_id       text,
    p_grain_id         text,
    p_state_name       text,
    p_expected_version bigint)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_expected_version IS NULL THEN
        IF EXISTS (SELECT 1 FROM orleans_grain_state s
                   WHERE s.service_id = p_service_id AND s.grain_id = p_grain_id AND s.state_name = p_state_name) THEN
            RAISE EXCEPTION 'grain state %/% exists, but its clear expected none', p_grain_id, p_state_name
                USING ERRCODE = 'GM001';
        END IF;
        RETURN;
    END IF;

    DELETE FROM orleans_grain_state s
    WHERE s.service_id = p_service_id
      AND s.grain_id = p_grain_id
      AND s.state_name = p_state_name
      AND s.version = p_expected_version;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'grain state %/% changed since version %', p_grain_id, p_state_name, p_expected_version
            USING ERRCODE = 'GM001';
    END IF;
END
$$;
