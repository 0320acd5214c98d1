-- Catalog read models, written by projections in the same commit as the grain state they show. Idempotent.

-- The category tree (grain "categorytree"), walked by search with a recursive query to include sub-categories.
CREATE TABLE IF NOT EXISTS categories (
    id        uuid PRIMARY KEY,
    parent_id uuid NULL,
    name      text NOT NULL
);

CREATE INDEX IF NOT EXISTS categories_parent_id_idx ON categories (parent_id);

-- One row per product (grain "product"). Search matches 'english' full text over title and description; the
-- rating average is derived from its total and count so that it never drifts from them.
CREATE TABLE IF NOT EXISTS products (
    id             uuid PRIMARY KEY,
    seller_id      uuid NOT NULL,
    category_id    uuid NOT NULL,
    title          text NOT NULL,
    description    text NOT NULL,
    price          bigint NOT NULL CHECK (price > 0),
    images         text[] NOT NULL,
    status         text NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'archived')),
    rating_total   bigint NOT NULL,
    rating_count   integer NOT NULL,
    rating_average numeric(3, 2) GENERATED ALWAYS AS (
        CASE WHEN rating_count = 0 THEN 0 ELSE round(rating_total::numeric / rating_count, 2) END) STORED,
    created_at     timestamptz NOT NULL,
    search         tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || description)) STORED
);

CREATE INDEX IF NOT EXISTS products_search_idx ON products USING gin (search);

-- Keyset pagination of the live products by each sort order; the id breaks ties.
CREATE INDEX IF NOT EXISTS products_active_price_idx ON products (price, id) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS products_active_newest_idx ON products (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS products_active_rating_idx ON products (rating_average DESC, id DESC) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS products_category_idx ON products (category_id) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS products_seller_idx ON products (seller_id);

-- One row per product's stock (grain "product-stock"): received = available + reserved + sold + written_off.
CREATE TABLE IF NOT EXISTS product_stock (
    product_id  uuid PRIMARY KEY,
    available   bigint NOT NULL CHECK (available >= 0),
    reserved    bigint NOT NULL CHECK (reserved >= 0),
    sold        bigint NOT NULL CHECK (sold >= 0),
    written_off bigint NOT NULL CHECK (written_off >= 0),
    received    bigint NOT NULL,
    CONSTRAINT product_stock_conserved CHECK (received = available + reserved + sold + written_off)
);
