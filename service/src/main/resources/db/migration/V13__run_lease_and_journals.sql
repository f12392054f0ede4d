-- The run lease: of the services sharing this store, the one named in holder runs plans until
-- expires_at; it renews the lease while it runs. token goes up by one at every take-over, so a
-- service that lost the lease finds out before its next step (fencing).
CREATE TABLE run_lease (
    name        VARCHAR(40)              PRIMARY KEY,
    holder      VARCHAR(200),
    token       BIGINT                   NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO run_lease (name, holder, token, expires_at) VALUES ('runs', NULL, 0, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');

-- Each plan's journal as the executor wrote it, copied after every event of its runs: the service
-- that takes a run over writes it back into its own data directory before it reconciles it.
-- token: the lease token of the service that copied it, so that one that lost the lease cannot
-- overwrite its successor's copy.
CREATE TABLE run_journals (
    plan_id  BIGINT  PRIMARY KEY REFERENCES plans (id),
    token    BIGINT  NOT NULL,
    content  TEXT    NOT NULL
);
