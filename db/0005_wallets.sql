-- Wallet read models, written by the wallet and withdrawal grains in the same commit as their state.

-- One row per wallet. The checks are a last line of defence: a commit that would make a balance negative fails whole.
CREATE TABLE IF NOT EXISTS wallets (
    wallet_id     text PRIMARY KEY,
    available     bigint NOT NULL CHECK (available >= 0),
    held          bigint NOT NULL CHECK (held >= 0),
    external_in   bigint NOT NULL CHECK (external_in >= 0),
    external_out  bigint NOT NULL CHECK (external_out >= 0),
    last_sequence bigint NOT NULL
);

-- Append-only. An entry's operation id is unique in its wallet, so no operation can be applied twice.
CREATE TABLE IF NOT EXISTS ledger_entries (
    wallet_id    text NOT NULL,
    sequence     bigint NOT NULL,
    operation_id text NOT NULL,
    type         text NOT NULL CHECK (type IN ('TOPUP', 'HOLD', 'RELEASE', 'CAPTURE', 'PAYMENT', 'REFUND', 'FEE', 'COMMISSION', 'WITHDRAWAL', 'ADJUSTMENT')),
    amount       bigint NOT NULL CHECK (amount > 0),
    available    bigint NOT NULL CHECK (available >= 0),
    held         bigint NOT NULL CHECK (held >= 0),
    reference    text NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (wallet_id, sequence),
    UNIQUE (wallet_id, operation_id)
);

CREATE TABLE IF NOT EXISTS withdrawals (
    id           uuid PRIMARY KEY,
    position     bigint GENERATED ALWAYS AS IDENTITY,
    wallet_id    text NOT NULL,
    amount       bigint NOT NULL CHECK (amount > 0),
    status       text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    requested_at timestamptz NOT NULL,
    resolved_at  timestamptz
);

-- The admin's list: by status, newest first, paged by position.
CREATE INDEX IF NOT EXISTS withdrawals_status_position ON withdrawals (status, position DESC);
CREATE INDEX IF NOT EXISTS withdrawals_position ON withdrawals (position DESC);
