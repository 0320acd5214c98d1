-- Payments (docs/payments.md): one row per provider payment (a Stripe PaymentIntent…) that GrainMarket has heard of,
-- written by the payment grain's projection in the same transaction as its state (which keeps the applied event ids).
CREATE TABLE IF NOT EXISTS payments (
    provider    text NOT NULL,
    payment_id  text NOT NULL,
    purpose     text NOT NULL,
    user_id     uuid NOT NULL,
    order_id    uuid NULL,
    status      text NOT NULL,
    credited    bigint NOT NULL,
    refunded    bigint NOT NULL,
    outcome     text NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (provider, payment_id)
);

CREATE INDEX IF NOT EXISTS payments_by_order ON payments (order_id) WHERE order_id IS NOT NULL;
