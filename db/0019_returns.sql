-- Returns and refunds (docs/returns.md).

-- What an order gave back before it settled: the refunds taken out of its hold (the hold, and so the escrow its live
-- order owns, is its total less this), and per line the units taken back by a refunded return (reserved by the live
-- order, or sold by the completed one, no longer). The audit's escrow and stock checks read both.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS refunded bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0);
ALTER TABLE order_lines ADD COLUMN IF NOT EXISTS returned integer NOT NULL DEFAULT 0 CHECK (returned >= 0);

-- The returns' list: the buyer's, the seller's (every line of a return is one seller's), the courier's and the admins'.
-- Written by the return grain's projection in the same transaction as its state; the return itself (its lines,
-- inspection and history) lives in the grain's state.
CREATE TABLE IF NOT EXISTS returns (
    id         uuid PRIMARY KEY,
    order_id   uuid NOT NULL,
    buyer_id   uuid NOT NULL,
    seller_id  uuid NOT NULL,
    courier_id uuid NULL,
    status     text NOT NULL,
    value      bigint NOT NULL CHECK (value >= 0),
    refunded   bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0),
    item_count integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS returns_by_buyer ON returns (buyer_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS returns_by_seller ON returns (seller_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS returns_by_courier ON returns (courier_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS returns_by_status ON returns (status, created_at DESC, id DESC);
