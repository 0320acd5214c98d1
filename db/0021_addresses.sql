-- Address books and the geography they draw on (docs/addresses.md). Idempotent.

-- Reference data: countries, their provinces (or states, territories) and cities. The geography grain ("geography",
-- key "all") owns them and rewrites these rows in the same transaction as its state; the public lists read them. Until
-- an admin first changes the geography, the grain starts from these rows, so the seed below is the one source.
CREATE TABLE IF NOT EXISTS geo_countries (
    code text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name text NOT NULL
);

CREATE TABLE IF NOT EXISTS geo_provinces (
    id           uuid PRIMARY KEY,
    country_code text NOT NULL,
    name         text NOT NULL
);

CREATE INDEX IF NOT EXISTS geo_provinces_country_idx ON geo_provinces (country_code, name);

CREATE TABLE IF NOT EXISTS geo_cities (
    id          uuid PRIMARY KEY,
    province_id uuid NOT NULL,
    name        text NOT NULL
);

CREATE INDEX IF NOT EXISTS geo_cities_province_idx ON geo_cities (province_id, name);

-- One row per saved address (grain "addressbook", keyed by its owner), written with the book's state.
CREATE TABLE IF NOT EXISTS addresses (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL,
    label       text NOT NULL,
    line1       text NOT NULL,
    city        text NOT NULL,
    region      text NOT NULL,
    postal_code text NOT NULL,
    country     text NOT NULL,
    phone       text NULL,
    latitude    double precision NULL,
    longitude   double precision NULL,
    province_id uuid NULL,
    city_id     uuid NULL,
    is_default  boolean NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS addresses_user_idx ON addresses (user_id, created_at);
CREATE INDEX IF NOT EXISTS addresses_province_idx ON addresses (province_id) WHERE province_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS addresses_city_idx ON addresses (city_id) WHERE city_id IS NOT NULL;

-- Seed: Pakistan, its four provinces and three territories, and their main cities. Ids are derived from the names
-- (md5 of 'gm-geo:PK:<province>[:<city>]'), so the seed is the same on every database.
INSERT INTO geo_countries (code, name) VALUES ('PK', 'Pakistan') ON CONFLICT (code) DO NOTHING;

INSERT INTO geo_provinces (id, country_code, name)
SELECT md5('gm-geo:PK:' || p.name)::uuid, 'PK', p.name
FROM (VALUES ('Punjab'), ('Sindh'), ('Khyber Pakhtunkhwa'), ('Balochistan'), ('Islamabad Capital Territory'),
             ('Gilgit-Baltistan'), ('Azad Jammu and Kashmir')) AS p (name)
ON CONFLICT (id) DO NOTHING;

INSERT INTO geo_cities (id, province_id, name)
SELECT md5('gm-geo:PK:' || c.province || ':' || c.name)::uuid, md5('gm-geo:PK:' || c.province)::uuid, c.name
FROM (VALUES
    ('Punjab', 'Lahore'), ('Punjab', 'Faisalabad'), ('Punjab', 'Rawalpindi'), ('Punjab', 'Multan'),
    ('Punjab', 'Gujranwala'), ('Punjab', 'Sialkot'), ('Punjab', 'Bahawalpur'), ('Punjab', 'Sargodha'),
    ('Punjab', 'Sheikhupura'), ('Punjab', 'Gujrat'), ('Punjab', 'Sahiwal'), ('Punjab', 'Rahim Yar Khan'),
    ('Punjab', 'Jhang'), ('Punjab', 'Dera Ghazi Khan'),
    ('Sindh', 'Karachi'), ('Sindh', 'Hyderabad'), ('Sindh', 'Sukkur'), ('Sindh', 'Larkana'),
    ('Sindh', 'Nawabshah'), ('Sindh', 'Mirpur Khas'), ('Sindh', 'Jacobabad'), ('Sindh', 'Thatta'),
    ('Khyber Pakhtunkhwa', 'Peshawar'), ('Khyber Pakhtunkhwa', 'Mardan'), ('Khyber Pakhtunkhwa', 'Abbottabad'),
    ('Khyber Pakhtunkhwa', 'Mingora'), ('Khyber Pakhtunkhwa', 'Kohat'), ('Khyber Pakhtunkhwa', 'Dera Ismail Khan'),
    ('Khyber Pakhtunkhwa', 'Bannu'), ('Khyber Pakhtunkhwa', 'Mansehra'), ('Khyber Pakhtunkhwa', 'Nowshera'),
    ('Balochistan', 'Quetta'), ('Balochistan', 'Gwadar'), ('Balochistan', 'Turbat'), ('Balochistan', 'Khuzdar'),
    ('Balochistan', 'Hub'), ('Balochistan', 'Sibi'), ('Balochistan', 'Chaman'), ('Balochistan', 'Zhob'),
    ('Islamabad Capital Territory', 'Islamabad'),
    ('Gilgit-Baltistan', 'Gilgit'), ('Gilgit-Baltistan', 'Skardu'), ('Gilgit-Baltistan', 'Chilas'),
    ('Gilgit-Baltistan', 'Aliabad'),
    ('Azad Jammu and Kashmir', 'Muzaffarabad'), ('Azad Jammu and Kashmir', 'Mirpur'),
    ('Azad Jammu and Kashmir', 'Kotli'), ('Azad Jammu and Kashmir', 'Rawalakot'), ('Azad Jammu and Kashmir', 'Bagh')
) AS c (province, name)
ON CONFLICT (id) DO NOTHING;
