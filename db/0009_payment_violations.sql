-- Unpaid auction wins (pay-after-win), appended by the payment-standing grain in the commit that records them.
-- total is the user's count of violations including this one.
CREATE TABLE IF NOT EXISTS payment_violations (
    position  bigint GENERATED ALWAYS AS IDENTITY,
    user_id   uuid NOT NULL,
    reference text NOT NULL,
    at        timestamptz NOT NULL,
    total     integer NOT NULL,
    PRIMARY KEY (user_id, reference)
);

CREATE INDEX IF NOT EXISTS payment_violations_position ON payment_violations (position DESC);
