-- Auction read models, written by the auction grain's projection in the same commit as its state: the list and search
-- (auctions), the bid history (auction_bids) and the live stream's events (auction_events), whose commit also
-- notifies the channel auction_events with '<auction id>:<sequence>' so that every gateway can push it.

CREATE TABLE IF NOT EXISTS auctions (
    id            uuid PRIMARY KEY,
    seller_id     uuid NOT NULL,
    category_id   uuid NOT NULL,
    title         text NOT NULL,
    description   text NOT NULL,
    status        text NOT NULL,
    current_price bigint NOT NULL,
    bid_count     integer NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    search        tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || description)) STORED
);

CREATE INDEX IF NOT EXISTS auctions_by_status ON auctions (status, ends_at, id);
CREATE INDEX IF NOT EXISTS auctions_search ON auctions USING gin (search);

CREATE TABLE IF NOT EXISTS auction_bids (
    auction_id uuid NOT NULL,
    sequence   bigint NOT NULL,
    bidder_id  uuid NOT NULL,
    pseudonym  text NOT NULL,
    amount     bigint NOT NULL CHECK (amount > 0),
    kind       text NOT NULL CHECK (kind IN ('bid', 'proxy', 'buy-now')),
    at         timestamptz NOT NULL,
    PRIMARY KEY (auction_id, sequence)
);

CREATE TABLE IF NOT EXISTS auction_events (
    auction_id uuid NOT NULL,
    sequence   bigint NOT NULL,
    type       text NOT NULL,
    data       jsonb NOT NULL,
    at         timestamptz NOT NULL,
    PRIMARY KEY (auction_id, sequence)
);

-- An auction finds every hold it caused (even one whose bid was never decided because its silo died) by reference.
CREATE INDEX IF NOT EXISTS ledger_entries_by_reference ON ledger_entries (reference) WHERE type = 'HOLD';
