-- Couriers: what the orders read model needs for the couriers' lists, written by the order's projection in the same
-- transaction as the order's state. The street, phone and exact position stay in the order's state: the list of
-- available orders shows the city, region and postal code, and a distance computed from the position here.

ALTER TABLE orders ADD COLUMN IF NOT EXISTS courier_id uuid NULL;
-- Processing (every seller accepted), no courier, no seller shipped, an address to go to.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS pickup_ready boolean NOT NULL DEFAULT false;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS ship_city text NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS ship_region text NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS ship_postal_code text NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS ship_latitude double precision NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS ship_longitude double precision NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS delivered_at timestamptz NULL;

CREATE INDEX IF NOT EXISTS orders_ready_for_pickup ON orders (lower(ship_region), ship_postal_code) WHERE pickup_ready;
CREATE INDEX IF NOT EXISTS orders_by_courier ON orders (courier_id, updated_at DESC, id DESC) WHERE courier_id IS NOT NULL;
