-- Stripe Connect payouts (docs/payments.md): sellers' connected accounts and the transfers settlement owes them, each
-- written by its grain's projection in the same commit as its state.

-- One row per seller who linked a payout account; account_id maps a provider's account back to its seller.
CREATE TABLE IF NOT EXISTS payout_accounts (
    seller_id          uuid PRIMARY KEY,
    provider           text NOT NULL,
    account_id         text NOT NULL UNIQUE,
    payouts_enabled    boolean NOT NULL,
    charges_enabled    boolean NOT NULL,
    transfers_active   boolean NOT NULL,
    details_submitted  boolean NOT NULL,
    status_at          timestamptz NULL,
    created_at         timestamptz NOT NULL
);

-- The outbox of settlement transfers: a row appears (pending) in the commit that paid the seller's share out of the
-- platform (WITHDRAWAL). The gateways' senders claim due rows (claimed_until, theirs alone: the projection never writes
-- it) with FOR UPDATE SKIP LOCKED, send them under their key as the provider's Idempotency-Key, and record the outcome
-- through the transfer's grain.
CREATE TABLE IF NOT EXISTS payout_transfers (
    key              text PRIMARY KEY,
    position         bigint GENERATED ALWAYS AS IDENTITY,
    order_id         uuid NOT NULL,
    seller_id        uuid NOT NULL,
    provider         text NOT NULL,
    account_id       text NOT NULL,
    amount           bigint NOT NULL CHECK (amount > 0),
    status           text NOT NULL CHECK (status IN ('pending', 'sent')),
    transfer_id      text NULL,
    attempts         integer NOT NULL,
    refusals         integer NOT NULL,
    last_error       text NULL,
    next_attempt_at  timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz NULL,
    claimed_until    timestamptz NULL
);

CREATE INDEX IF NOT EXISTS payout_transfers_due ON payout_transfers (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS payout_transfers_status_position ON payout_transfers (status, position DESC);
CREATE INDEX IF NOT EXISTS payout_transfers_position ON payout_transfers (position DESC);
