-- Usernames (docs/chat.md#usernames): the public handle an account chooses, lower case, unique through the username
-- grain ("username", keyed by the name); the users read model carries it for the directory and for starting a chat.
ALTER TABLE users ADD COLUMN IF NOT EXISTS username text NULL;

CREATE INDEX IF NOT EXISTS users_username_prefix ON users (username text_pattern_ops) WHERE username IS NOT NULL;
