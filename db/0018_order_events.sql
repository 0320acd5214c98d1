-- Live order tracking (GET /ws/orders/{id}, GET /ws/orders), written by the order grain's projection in the same
-- PostgreSQL transaction as the order's state, so an event is visible once its order's change commits and never lost.
-- Each entry of an order's history is one event, numbered from 1 in the history's order; its actor is a role name
-- (buyer, seller, courier, admin, system), never an id. The commit notifies the channel order_events with
-- '<order id>:<last sequence>', or '<order id>:<last sequence>:<user id>,<user id>…' naming the users who became the
-- order's parties (its buyer and sellers when it is placed, a courier when one is assigned), so that every gateway can
-- push it.

CREATE TABLE IF NOT EXISTS order_events (
    order_id uuid        NOT NULL,
    sequence bigint      NOT NULL CHECK (sequence > 0),
    kind     text        NOT NULL,
    actor    text        NOT NULL,
    status   text        NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (order_id, sequence)
);

-- Each user who is or was one of an order's parties (the buyer, each seller, a courier), and whether they are now (a
-- released courier is not): what GET /ws/orders lists for its caller.
CREATE TABLE IF NOT EXISTS order_parties (
    user_id  uuid    NOT NULL,
    order_id uuid    NOT NULL,
    active   boolean NOT NULL,
    PRIMARY KEY (user_id, order_id)
);
