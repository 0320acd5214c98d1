-- E-mail that is really sent (docs/email.md).

-- The outbox's delivery state. A sender claims a due row (FOR UPDATE SKIP LOCKED) by setting claimed_until, its lease,
-- and claim_token, counting the attempt; it marks the row sent (or due again, or failed) only while its token is still
-- the row's. Unsent rows: sent_at and failed_at both null. html_body is null for the rows written before it existed.
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'message';
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS html_body text NULL;
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz NOT NULL DEFAULT '-infinity';
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS claimed_until timestamptz NULL;
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS claim_token uuid NULL;
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS last_error text NULL;
ALTER TABLE email_outbox ADD COLUMN IF NOT EXISTS failed_at timestamptz NULL;

CREATE INDEX IF NOT EXISTS email_outbox_due ON email_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- The e-mails still to be written for the orders' and withdrawals' changes: one row per order event and per withdrawal
-- status (an order event's kind: the status its history entry names), added by the triggers below in the same commit as the change itself. The mailer turns a row into its outbox
-- rows and deletes it in one transaction, so each change is mailed exactly once, whichever silo's mailer takes it.
CREATE TABLE IF NOT EXISTS mail_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source     text        NOT NULL CHECK (source IN ('order', 'withdrawal')),
    subject_id uuid        NOT NULL,
    sequence   bigint      NOT NULL,
    status     text        NOT NULL,
    at         timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION mail_order_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mail_events (source, subject_id, sequence, status, at) VALUES ('order', NEW.order_id, NEW.sequence, NEW.kind, NEW.at);
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER order_events_mail AFTER INSERT ON order_events FOR EACH ROW EXECUTE FUNCTION mail_order_event();

-- A withdrawal is mailed when it is asked for and when an admin resolves it (the projection rewrites the row on every
-- store: only a new status counts).
CREATE OR REPLACE FUNCTION mail_withdrawal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status THEN
        INSERT INTO mail_events (source, subject_id, sequence, status, at)
        VALUES ('withdrawal', NEW.id, 0, NEW.status, coalesce(NEW.resolved_at, NEW.requested_at));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER withdrawals_mail AFTER INSERT OR UPDATE OF status ON withdrawals FOR EACH ROW EXECUTE FUNCTION mail_withdrawal();
