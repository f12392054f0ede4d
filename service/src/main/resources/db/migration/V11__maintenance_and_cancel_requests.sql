-- Numbered after the vendor scripts (V10): a store made before this script takes it in order.

-- The hosts an operator put into maintenance through the service: they stay in maintenance when
-- the service restarts, and every service sharing the store sees them.
CREATE TABLE maintenance (
    host   VARCHAR(253)             PRIMARY KEY,
    since  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An operator's request to cancel a running plan: the run stops before its next step.
ALTER TABLE plans ADD COLUMN cancel_requested VARCHAR(2000);
