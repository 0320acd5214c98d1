-- Cluster membership. Every status change bumps cluster_version.version with a compare-and-swap in the same
-- database transaction; heartbeats and death detection use the database's clock, so silo clocks may disagree.
CREATE TABLE IF NOT EXISTS cluster_version (
    cluster_id text PRIMARY KEY,
    version    bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS silos (
    cluster_id   text NOT NULL,
    silo_id      text NOT NULL,           -- address:port@generation: a restarted silo is a new member
    name         text NOT NULL,
    address      text NOT NULL,
    port         int NOT NULL,
    generation   bigint NOT NULL,
    status       text NOT NULL CHECK (status IN ('joining', 'active', 'shutting_down', 'dead')),
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_id, silo_id)
);
