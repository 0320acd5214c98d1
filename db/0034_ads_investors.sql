-- Advertisement escrow and investors (docs/ads.md). Read models only, written by the grains' projections in the same
-- transaction as their state: the ad opportunity grain writes ad_opportunities and ad_engagements (the open list, the
-- seller's and the advertiser's lists, and the audit's owners of escrow), the investor grain writes investors (the
-- admins' list with totals). The briefs, pitches, proofs, stakes and payouts themselves live in the grains' state.
CREATE TABLE IF NOT EXISTS ad_opportunities (
    id          uuid PRIMARY KEY,
    seller_id   uuid NOT NULL,
    title       text NOT NULL,
    category_id uuid NULL,
    budget      bigint NOT NULL,
    committed   bigint NOT NULL,
    spent       bigint NOT NULL,
    -- What the seller's escrow hold keeps: budget less spent while open, 0 once closed or cancelled.
    escrow      bigint NOT NULL,
    status      text NOT NULL,
    deadline    timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS ad_opportunities_open ON ad_opportunities (created_at DESC, id DESC) WHERE status = 'open';
CREATE INDEX IF NOT EXISTS ad_opportunities_by_seller ON ad_opportunities (seller_id, created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS ad_engagements (
    id              uuid PRIMARY KEY,
    opportunity_id  uuid NOT NULL,
    seller_id       uuid NOT NULL,
    advertiser_id   uuid NOT NULL,
    status          text NOT NULL,
    proposed_amount bigint NOT NULL,
    agreed_amount   bigint NULL,
    paid            bigint NOT NULL,
    fee             bigint NOT NULL,
    rejections      int NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS ad_engagements_by_advertiser ON ad_engagements (advertiser_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ad_engagements_by_opportunity ON ad_engagements (opportunity_id);

CREATE TABLE IF NOT EXISTS investors (
    user_id    uuid PRIMARY KEY,
    staked     bigint NOT NULL,
    shares_bps int NOT NULL,
    paid_out   bigint NOT NULL,
    stakes     int NOT NULL,
    payouts    int NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS investors_newest ON investors (created_at DESC, user_id DESC);
