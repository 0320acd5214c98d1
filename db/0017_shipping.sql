-- Shipping: a product's unit weight (grams) in the products read model, for listings and quotes. Products stored
-- before weights existed weigh the default 500 g (ProductWeights.DefaultGrams), as their grains report.
-- The zones and rate tables are the state of the grain "shippingrates" (orleans_grain_state), not a table.
ALTER TABLE products ADD COLUMN IF NOT EXISTS weight_grams integer NOT NULL DEFAULT 500 CHECK (weight_grams > 0);
