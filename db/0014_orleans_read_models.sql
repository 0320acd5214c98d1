-- Grain state is Orleans' binary serialization now (db/0011, db/0012, db/0013), so what operators, reports and the
-- chaos checks used to read out of the old runtime's JSON state comes from read models, written in the same
-- PostgreSQL transaction as the state they derive from.

-- Which auction an order settles (NULL for a checkout), and the order's lines.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS auction_id uuid NULL;

CREATE TABLE IF NOT EXISTS order_lines (
    order_id   uuid    NOT NULL,
    line       integer NOT NULL,
    product_id uuid    NOT NULL,
    seller_id  uuid    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity > 0),
    unit_price bigint  NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, line)
);

CREATE INDEX IF NOT EXISTS order_lines_by_product ON order_lines (product_id);

-- Each bidder's maximum on an auction as the auction last stored it (private: never served to other users).
CREATE TABLE IF NOT EXISTS auction_bidders (
    auction_id uuid   NOT NULL,
    bidder_id  uuid   NOT NULL,
    max_amount bigint NOT NULL CHECK (max_amount >= 0),
    PRIMARY KEY (auction_id, bidder_id)
);
