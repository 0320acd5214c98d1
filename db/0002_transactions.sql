-- Transaction verdicts. A commit inserts 'committed' in the same database transaction as its state writes; a
-- participant that waited too long for a verdict inserts 'aborted' if there is none (fencing). The primary key
-- lets only one of them win, so the database, not a guess, decides every transaction's outcome.
CREATE TABLE IF NOT EXISTS transactions (
    id         uuid PRIMARY KEY,
    status     text NOT NULL CHECK (status IN ('committed', 'aborted')),
    decided_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS transactions_decided_at_idx ON transactions (decided_at);
