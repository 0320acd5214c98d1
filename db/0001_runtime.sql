-- The grain runtime's own tables. Idempotent: safe to run against a database that already has them.

-- One row per (grain, state). A cleared state keeps its row as a tombstone (state NULL) with a new version,
-- so a stale activation cannot resurrect it with a first write.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type text NOT NULL,
    grain_key  text NOT NULL,
    state_name text NOT NULL,
    version    bigint NOT NULL,
    state      jsonb NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- Durable reminders. Silos claim due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_by, claimed_until);
-- generation grows with every registration so completing an old claim never touches a newer registration.
CREATE TABLE IF NOT EXISTS reminders (
    grain_type    text NOT NULL,
    grain_key     text NOT NULL,
    name          text NOT NULL,
    due_at        timestamptz NOT NULL,
    period_ms     bigint NULL,
    generation    bigint NOT NULL,
    attempts      int NOT NULL DEFAULT 0,
    claimed_by    text NULL,
    claimed_until timestamptz NULL,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS reminders_due_at_idx ON reminders (due_at);
CREATE INDEX IF NOT EXISTS reminders_claimed_by_idx ON reminders (claimed_by) WHERE claimed_by IS NOT NULL;
