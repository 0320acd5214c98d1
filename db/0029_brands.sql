-- Brands (docs/brands.md): the public list of approved brands, each seller's own, the admins' queue. Written by the
-- brand grain's projection in the same transaction as its state; name_key is the name as uniqueness compares it (the
-- brand-name grain guards it). Products carry their brand's id for the search filter.
CREATE TABLE IF NOT EXISTS brands (
    id               uuid PRIMARY KEY,
    seller_id        uuid NOT NULL,
    name             text NOT NULL,
    name_key         text NOT NULL,
    description      text NULL,
    logo_url         text NULL,
    status           text NOT NULL,
    rejection_reason text NULL,
    created_at       timestamptz NOT NULL,
    decided_at       timestamptz NULL
);

CREATE INDEX IF NOT EXISTS brands_by_name ON brands (status, name_key text_pattern_ops, id);
CREATE INDEX IF NOT EXISTS brands_by_seller ON brands (seller_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS brands_by_status ON brands (status, created_at DESC, id DESC);

ALTER TABLE products ADD COLUMN IF NOT EXISTS brand_id uuid NULL;
CREATE INDEX IF NOT EXISTS products_by_brand ON products (brand_id, created_at DESC, id DESC) WHERE brand_id IS NOT NULL;
