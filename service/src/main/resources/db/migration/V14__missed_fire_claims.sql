-- The catch-up fires of schedules missed while the services were down: one row per job and missed
-- due time (the trigger's stored next fire time, which every service reads alike), inserted by the
-- service that fires it. Two services starting at once both find the fire missed; the primary key
-- lets one insert go in, and only that service fires it.
CREATE TABLE missed_fire_claims (
    job         VARCHAR(200)             NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by  VARCHAR(200)             NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job, due_at)
);
