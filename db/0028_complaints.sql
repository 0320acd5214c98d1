-- Complaints (docs/complaints.md): the parties' lists and the admins' queue. Written by the complaint grain's
-- projection in the same transaction as its state; the complaint itself (reason, response, note, history) lives in
-- the grain's state.
CREATE TABLE IF NOT EXISTS complaints (
    id              uuid PRIMARY KEY,
    complainant_id  uuid NOT NULL,
    other_party_id  uuid NOT NULL,
    subject         text NOT NULL,
    subject_id      uuid NOT NULL,
    status          text NOT NULL,
    conversation_id uuid NULL,
    responded       boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS complaints_by_complainant ON complaints (complainant_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_by_other_party ON complaints (other_party_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS complaints_by_status ON complaints (status, created_at DESC, id DESC);
