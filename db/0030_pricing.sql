-- Pricing (docs/pricing.md): coupons for the admins' and sellers' lists, and which order used which coupon. Written by
-- the coupon grain's projection in the same transaction as its state; the uses that count live in the grain's state.
-- Seller discounts live in the product's state and sale events in their own grain's.
CREATE TABLE IF NOT EXISTS coupons (
    code            text PRIMARY KEY,
    funded_by       text NOT NULL,
    seller_id       uuid NULL,
    percent_off     int NOT NULL,
    amount_off      bigint NOT NULL,
    max_discount    bigint NULL,
    min_order       bigint NOT NULL,
    starts_at       timestamptz NULL,
    ends_at         timestamptz NULL,
    total_limit     int NULL,
    per_user_limit  int NULL,
    active          boolean NOT NULL,
    used            int NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS coupons_by_funder ON coupons (funded_by, seller_id, created_at DESC, code);

CREATE TABLE IF NOT EXISTS coupon_redemptions (
    code        text NOT NULL,
    order_id    uuid NOT NULL,
    buyer_id    uuid NOT NULL,
    redeemed_at timestamptz NOT NULL,
    PRIMARY KEY (code, order_id)
);

CREATE INDEX IF NOT EXISTS coupon_redemptions_by_buyer ON coupon_redemptions (buyer_id, code);
