-- Accounts: the admins' list of users, and the e-mail outbox. Both are read models written by the user grain's
-- projection in the same transaction as its state; the grain state itself is the user grain's.

CREATE TABLE IF NOT EXISTS users (
    id           uuid PRIMARY KEY,
    email        text NOT NULL,
    display_name text NOT NULL,
    roles        text[] NOT NULL,
    active_role  text NOT NULL,
    blocked      boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS users_newest ON users (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS users_email ON users (lower(email));

-- Drained by the SMTP sender; sent_at stays null until then.
CREATE TABLE IF NOT EXISTS email_outbox (
    id         uuid PRIMARY KEY,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);

CREATE INDEX IF NOT EXISTS email_outbox_unsent ON email_outbox (created_at) WHERE sent_at IS NULL;
