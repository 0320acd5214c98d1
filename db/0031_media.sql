-- Media (docs/media.md): one row per upload. The object itself is in the media store (the data folder or S3), named by
-- the SHA-256 of its stripped bytes, so two users uploading the same picture share one object and have a row each.
-- Written by the gateway, not by a grain: an upload is a file plus its record, no grain state and nothing to transact.
CREATE TABLE IF NOT EXISTS media (
    owner_id     uuid NOT NULL,
    key          text NOT NULL,
    content_type text NOT NULL,
    bytes        bigint NOT NULL CHECK (bytes > 0),
    width        integer NOT NULL CHECK (width > 0),
    height       integer NOT NULL CHECK (height > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, key)
);

CREATE INDEX IF NOT EXISTS media_key_idx ON media (key);

-- Catalog output cache invalidation (docs/api-conventions.md, "Caching"): every statement that changes the catalog's
-- read model notifies 'catalog_changed' with '<zero uuid>:0:<table>' (the shape the gateway's event feeds read), so each
-- gateway evicts its cached category tree and product lists whichever silo committed the change. Statement-level:
-- one notification per statement, and PostgreSQL folds identical ones within a transaction.
CREATE OR REPLACE FUNCTION catalog_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_changed', '00000000-0000-0000-0000-000000000000:0:' || TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS categories_changed ON categories;
CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed_notify();

DROP TRIGGER IF EXISTS products_changed ON products;
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed_notify();

DROP TRIGGER IF EXISTS product_stock_changed ON product_stock;
CREATE TRIGGER product_stock_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product_stock
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed_notify();
