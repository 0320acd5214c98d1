-- The ASP.NET Core data-protection key ring, shared by every gateway: an external sign-in's state and its temporary
-- cookie are protected by one gateway and read by whichever gateway the provider's redirect reaches.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    name       text PRIMARY KEY,
    xml        text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
