-- Chat (issue #20): conversations, their messages, each user's chat stream, blocks. Every table is a read model written
-- by a grain's projection in the same PostgreSQL transaction as the grain's state (the conversation grain, the block
-- list grain), so a message is visible once its conversation's write commits and never lost.

-- One row per conversation: its two participants (user_a < user_b), its subject, and its last message.
CREATE TABLE IF NOT EXISTS conversations (
    id              uuid PRIMARY KEY,
    user_a          uuid        NOT NULL,
    user_b          uuid        NOT NULL,
    product_id      uuid,
    order_id        uuid,
    complaint_id    uuid,
    last_sequence   bigint      NOT NULL,
    last_message_at timestamptz,
    created_at      timestamptz NOT NULL
);

-- Each participant's side of a conversation: who the peer is and how far the participant has read. This is also the
-- contact list: a user's contacts are the peer_ids of their rows.
CREATE TABLE IF NOT EXISTS conversation_members (
    user_id         uuid   NOT NULL,
    conversation_id uuid   NOT NULL,
    peer_id         uuid   NOT NULL,
    last_read       bigint NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

CREATE INDEX IF NOT EXISTS conversation_members_peer ON conversation_members (user_id, peer_id);

-- The message history, numbered from 1 per conversation.
CREATE TABLE IF NOT EXISTS chat_messages (
    conversation_id uuid        NOT NULL,
    sequence        bigint      NOT NULL CHECK (sequence > 0),
    sender_id       uuid        NOT NULL,
    client_id       text        NOT NULL,
    text            text        NOT NULL,
    at              timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, sequence)
);

-- Each user's chat stream (GET /ws/chat): events numbered from 1 per user with no gaps, in commit order, because the
-- commit that adds one first increments the user's row of chat_streams (a row lock held until it commits). event_key
-- names the event within its conversation, so a state written twice adds it once. The commit notifies the channel
-- gm_chat with '<user id>:<last sequence>'.
CREATE TABLE IF NOT EXISTS chat_streams (
    user_id       uuid PRIMARY KEY,
    last_sequence bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS chat_events (
    user_id   uuid        NOT NULL,
    sequence  bigint      NOT NULL CHECK (sequence > 0),
    event_key text        NOT NULL,
    type      text        NOT NULL,
    data      jsonb       NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (user_id, sequence),
    UNIQUE (user_id, event_key)
);

-- Who blocked whom (the block list grain's projection): user search hides the two from each other.
CREATE TABLE IF NOT EXISTS user_blocks (
    user_id    uuid        NOT NULL,
    blocked_id uuid        NOT NULL,
    at         timestamptz NOT NULL,
    PRIMARY KEY (user_id, blocked_id)
);

CREATE INDEX IF NOT EXISTS user_blocks_blocked ON user_blocks (blocked_id, user_id);
CREATE INDEX IF NOT EXISTS users_display_name_prefix ON users (lower(display_name) text_pattern_ops);
