-- Seller analytics (docs/analytics.md): per-seller, per-day rollups written by the order grain's projection in the same
-- PostgreSQL transaction as the order's state, and product detail views counted by the gateways.

-- The order transitions already counted: a history entry ('h:<sequence>') or a refunded return ('r:<return id>'). A
-- transition's increments are added by the statement that inserts its row here, so a store that projects it again (a
-- retried batch, a recovered activation) adds nothing.
CREATE TABLE IF NOT EXISTS analytics_transitions (
    order_id   uuid NOT NULL,
    transition text NOT NULL,
    PRIMARY KEY (order_id, transition)
);

-- A seller's day (UTC): orders placed and cancelled that day; orders completed that day with their units, revenue (what
-- buyers paid for the seller's lines) and the platform fee settlement charged; refunds paid that day, with the fee the
-- platform gave back for refunds after settlement (subtracted from fees).
CREATE TABLE IF NOT EXISTS seller_daily (
    seller_id      uuid   NOT NULL,
    day            date   NOT NULL,
    placed         int    NOT NULL DEFAULT 0,
    cancelled      int    NOT NULL DEFAULT 0,
    orders         int    NOT NULL DEFAULT 0,
    units          int    NOT NULL DEFAULT 0,
    revenue        bigint NOT NULL DEFAULT 0,
    fees           bigint NOT NULL DEFAULT 0,
    refunds        bigint NOT NULL DEFAULT 0,
    refunded_units int    NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, day)
);

-- The same per product of the seller: orders placed containing it (conversion's numerator), units and revenue of
-- completed orders, units and value refunded.
CREATE TABLE IF NOT EXISTS seller_product_daily (
    seller_id      uuid   NOT NULL,
    product_id     uuid   NOT NULL,
    day            date   NOT NULL,
    placed         int    NOT NULL DEFAULT 0,
    units          int    NOT NULL DEFAULT 0,
    revenue        bigint NOT NULL DEFAULT 0,
    refunds        bigint NOT NULL DEFAULT 0,
    refunded_units int    NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, day, product_id)
);

-- Completed orders per seller, buyer and day: buyers and repeat buyers over any range.
CREATE TABLE IF NOT EXISTS seller_buyer_daily (
    seller_id uuid NOT NULL,
    day       date NOT NULL,
    buyer_id  uuid NOT NULL,
    orders    int  NOT NULL,
    PRIMARY KEY (seller_id, day, buyer_id)
);

-- Detail views (GET /api/products/{id}) per product and UTC day, added in batches by each gateway.
CREATE TABLE IF NOT EXISTS product_views_daily (
    product_id uuid   NOT NULL,
    day        date   NOT NULL,
    views      bigint NOT NULL CHECK (views >= 0),
    PRIMARY KEY (product_id, day)
);

-- The admin overview (GET /api/admin/overview) counts orders by status and the products waiting for approval; these
-- keep each count to an index.
CREATE INDEX IF NOT EXISTS orders_by_status ON orders (status);
CREATE INDEX IF NOT EXISTS products_pending ON products (id) WHERE status = 'pending';
