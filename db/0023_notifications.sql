-- Notifications (docs/notifications.md): each user's live stream of new in-app notifications (GET /ws/notifications),
-- written by the inbox grain's projection in the same PostgreSQL transaction as the inbox's state, so a notification
-- is streamed once it is stored and never otherwise. A user's events are numbered from 1 by the inbox; the commit
-- notifies the channel notification_events with '<user id>:<last sequence>'. Only the newest 500 of a user are kept
-- (for resuming with ?after=); the inbox's list (GET /api/notifications) has the rest.

CREATE TABLE IF NOT EXISTS notification_events (
    user_id  uuid        NOT NULL,
    sequence bigint      NOT NULL CHECK (sequence > 0),
    type     text        NOT NULL,
    data     jsonb       NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (user_id, sequence)
);
