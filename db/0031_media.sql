-- Media (docs/media.md): one row per upload. The object itself is in the media store (the data folder or S3), named by
-- the SHA-256 of its stripped bytes, so two users uploading the same picture share one object and have a row each.
-- Written by the gateway, not by a grain: an upload is a file plus its record, no grain state and nothing to transact.
CREATE TABLE IF NOT EXISTS media (
    owner_id     uuid NOT NULL,
    key          text NOT NULL,
    content_type text NOT NULL,
    bytes        bigint NOT NULL CHECK (bytes > 0),
    width        integer NOT NULL CHECK (width > 0),
    height       integer NOT NULL CHECK (height > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, key)
);

CREATE INDEX IF NOT EXISTS media_key_idx ON media (key);
