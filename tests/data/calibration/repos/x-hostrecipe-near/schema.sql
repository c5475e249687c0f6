CREATE TABLE IF NOT EXISTS reminders (
    id       bigserial PRIMARY KEY,
    channel  text        NOT NULL,
    message  text        NOT NULL,
    due_at   timestamptz NOT NULL,
    sent_at  timestamptz
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due_at) WHERE sent_at IS NULL;
