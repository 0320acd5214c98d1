-- Transaction verdicts. A commit inserts 'committed' in the same database transaction as its state writes; a
-- participant that waited too long for a verdict inserts 'aborted' if there is none (fencing). The primary key
-- lets only one of them win, so the database, not a guess, decides every transaction's outcome.
CREATE TABLE IF NOT EXISTS transactions (
    id         uuid PRIMARY KEY,
    status     text NOT NULL CHECK (status IN ('committed', 'aborted')),
    decided_at timestamptz NOT NULL DEFAULT now()
);

-- Only pruning reads decided_at, in insertion order: a BRIN index costs next to nothing per commit.
CREATE INDEX IF NOT EXISTS transactions_decided_at_brin ON transactions USING brin (decided_at);

-- A commit is one batch in one implicit transaction; a version check that fails must fail the whole batch.
CREATE OR REPLACE FUNCTION grainmarket_expect(ok boolean, what text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    IF ok IS NOT TRUE THEN
        RAISE EXCEPTION 'conflict: %', what USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN true;
END
$$;

-- Room on each page for HOT updates: state rows are rewritten often and their key never changes.
ALTER TABLE grain_state SET (fillfactor = 80);
