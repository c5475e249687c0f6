CREATE TABLE IF NOT EXISTS tallies (
    guild_id  bigint NOT NULL,
    member_id bigint NOT NULL,
    count     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, member_id)
);
