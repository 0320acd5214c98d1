-- Payments the gateway created are recorded at once (status pending) with the amount asked for and how long they are
-- verified with the provider should their webhook never come (docs/payments.md, "Verification in the background").
ALTER TABLE payments ADD COLUMN IF NOT EXISTS amount bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN IF NOT EXISTS verify_until timestamptz NULL;

CREATE INDEX IF NOT EXISTS payments_to_verify ON payments (provider, payment_id)
    WHERE status IN ('pending', 'failed') AND verify_until IS NOT NULL;
