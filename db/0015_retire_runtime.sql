-- GrainMarket runs on Orleans 10.4.2: the home-grown runtime's tables go. Its grain state was JSON in grain_state,
-- which Orleans does not read, so the read models derived from it would describe grains that no longer have state;
-- they are emptied with it. No release ever shipped on the old runtime, so nothing is carried over: a database from
-- before the move starts empty (the first admin is created again at start-up).
DROP TABLE IF EXISTS grain_state, reminders, transactions, silos, cluster_version;

TRUNCATE users, email_outbox, wallets, ledger_entries, withdrawals, categories, products, product_stock, orders,
    auctions, auction_bids, auction_events, payment_violations;
