-- Orders read model: the buyer's and the sellers' order lists. Written by the order grain's projection in the same
-- transaction as the order's state; the order itself (its lines and history) lives in the order grain's state.

CREATE TABLE IF NOT EXISTS orders (
    id         uuid PRIMARY KEY,
    buyer_id   uuid NOT NULL,
    seller_ids uuid[] NOT NULL,
    status     text NOT NULL,
    total      bigint NOT NULL,
    item_count integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS orders_by_buyer ON orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_by_seller ON orders USING gin (seller_ids);
