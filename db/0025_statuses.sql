-- Status updates (docs/chat.md#statuses). Idempotent.

-- One row per live status (grain "statuses", keyed by its author), written with the grain's state; a status's row is
-- deleted at its author's next write after it expires, and every read filters on expires_at.
CREATE TABLE IF NOT EXISTS statuses (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL,
    text       text NOT NULL,
    posted_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS statuses_author_idx ON statuses (user_id, expires_at);
