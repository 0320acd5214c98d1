-- Reviews, seller feedback and platform feedback (docs/reviews.md). Idempotent.

-- One row per review (grain "review", keyed by the id derived from its order and product), written in the same
-- transaction as the review and as the product's rating tally, which sets products.rating_total and rating_count.
-- Deleted reviews keep their row (deleted = true) so that a page cursor naming one still finds its place.
CREATE TABLE IF NOT EXISTS reviews (
    id            uuid PRIMARY KEY,
    order_id      uuid NOT NULL,
    product_id    uuid NOT NULL,
    seller_id     uuid NOT NULL,
    author_id     uuid NOT NULL,
    rating        smallint NOT NULL,
    text          text NOT NULL,
    helpful       integer NOT NULL,
    hidden        boolean NOT NULL,
    hidden_reason text,
    deleted       boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    edited_at     timestamptz
);

CREATE INDEX IF NOT EXISTS reviews_product_newest_idx ON reviews (product_id, created_at DESC, id DESC) WHERE NOT hidden AND NOT deleted;
CREATE INDEX IF NOT EXISTS reviews_product_helpful_idx ON reviews (product_id, helpful DESC, created_at DESC, id DESC) WHERE NOT hidden AND NOT deleted;

-- One row per feedback on a seller (grain "seller-feedback", keyed by the id derived from its order and seller).
CREATE TABLE IF NOT EXISTS seller_feedback (
    id         uuid PRIMARY KEY,
    order_id   uuid NOT NULL,
    seller_id  uuid NOT NULL,
    buyer_id   uuid NOT NULL,
    rating     smallint NOT NULL,
    text       text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS seller_feedback_seller_idx ON seller_feedback (seller_id, created_at DESC, id DESC);

-- A seller's score: the total and count of their feedback's ratings, written with the seller's rating tally.
CREATE TABLE IF NOT EXISTS seller_scores (
    seller_id      uuid PRIMARY KEY,
    rating_total   bigint NOT NULL,
    rating_count   integer NOT NULL,
    rating_average numeric(3, 2) GENERATED ALWAYS AS (
        CASE WHEN rating_count = 0 THEN 0 ELSE round(rating_total::numeric / rating_count, 2) END) STORED
);

-- Feedback on the platform itself (grain "platform-feedback"), listed to admins newest first.
CREATE TABLE IF NOT EXISTS platform_feedback (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL,
    rating     smallint NOT NULL,
    text       text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS platform_feedback_newest_idx ON platform_feedback (created_at DESC, id DESC);
