-- Promoters (docs/promoters.md): referral codes and their link clicks per day, referred orders and their commission
-- events, and each promoter's debt and subscription. All written by grain projections in the same transaction as the
-- grain's state (referral code, order, promoter); the dashboard reads them and never scans orders.
CREATE TABLE IF NOT EXISTS referral_codes (
    code        text PRIMARY KEY,
    promoter_id uuid NOT NULL,
    product_id  uuid NULL,
    active      boolean NOT NULL,
    clicks      bigint NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS referral_codes_by_promoter ON referral_codes (promoter_id, code);

-- Clicks per code and UTC day; no address, agent or visitor id is kept.
CREATE TABLE IF NOT EXISTS referral_clicks (
    code        text NOT NULL,
    day         date NOT NULL,
    promoter_id uuid NOT NULL,
    clicks      bigint NOT NULL,
    PRIMARY KEY (code, day)
);

CREATE INDEX IF NOT EXISTS referral_clicks_by_promoter ON referral_clicks (promoter_id, day);

CREATE TABLE IF NOT EXISTS referred_orders (
    order_id    uuid PRIMARY KEY,
    promoter_id uuid NOT NULL,
    code        text NOT NULL,
    placed_at   timestamptz NOT NULL,
    status      text NOT NULL,
    expected    bigint NOT NULL,
    paid        bigint NOT NULL,
    clawed_back bigint NOT NULL,
    debt        bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS referred_orders_by_promoter ON referred_orders (promoter_id, placed_at);

-- kind: 'paid' (at completion) or 'clawback' (a refund after completion; entry names the return).
CREATE TABLE IF NOT EXISTS commission_events (
    order_id    uuid NOT NULL,
    entry       text NOT NULL,
    promoter_id uuid NOT NULL,
    kind        text NOT NULL,
    amount      bigint NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (order_id, entry)
);

CREATE INDEX IF NOT EXISTS commission_events_by_promoter ON commission_events (promoter_id, at);

CREATE TABLE IF NOT EXISTS promoter_accounts (
    promoter_id uuid PRIMARY KEY,
    debt        bigint NOT NULL,
    paid_until  timestamptz NULL,
    renews      boolean NOT NULL,
    updated_at  timestamptz NOT NULL
);
