-- 0004: ideal points estimated from the record (unvotes ideal fit), one fit per scope
-- (every final-passage GA vote, or one topic's); a new fit of a scope replaces the old.

CREATE TABLE ideal_fits (
    fit_id          INTEGER PRIMARY KEY,
    scope           VARCHAR NOT NULL UNIQUE,  -- 'all' or a topic (human_rights ...)
    fitted_at       TIMESTAMP NOT NULL,
    unvotes_version VARCHAR NOT NULL,
    data_version    VARCHAR NOT NULL,  -- the build and a digest of the votes fitted
    settings        VARCHAR NOT NULL,  -- JSON: model options, years, bridges, bootstrap
    votes           INTEGER NOT NULL,  -- final-passage votes fitted
    bridged_votes   INTEGER NOT NULL,  -- of which in a bridge group
    states          INTEGER NOT NULL,
    first_year      INTEGER NOT NULL,
    last_year       INTEGER NOT NULL,
    iterations      INTEGER NOT NULL,
    converged       BOOLEAN NOT NULL,
    objective       DOUBLE NOT NULL,   -- evidence lower bound + log item prior, nats
    seconds         DOUBLE NOT NULL,
    replicates      INTEGER NOT NULL,  -- bootstrap replicates (0: variational intervals)
    bootstrap_seconds DOUBLE,
    interval        VARCHAR NOT NULL   -- how low/high were found
);

CREATE TABLE ideal_points (
    fit_id      INTEGER NOT NULL,
    iso3        VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    ideal_point DOUBLE NOT NULL,  -- standardised: present state-years mean 0, sd 1; USA > 0
    sd          DOUBLE NOT NULL,  -- bootstrap sd, else the variational sd (too narrow)
    low         DOUBLE NOT NULL,  -- 5th percentile
    high        DOUBLE NOT NULL,  -- 95th percentile
    votes       INTEGER NOT NULL, -- Yes, Abstain or No cast that year in the votes fitted
    PRIMARY KEY (fit_id, iso3, year)
);

CREATE TABLE ideal_items (
    fit_id   INTEGER NOT NULL,
    vote_id  VARCHAR NOT NULL,
    alpha    DOUBLE NOT NULL,   -- on the stored scale: y* = alpha + beta x + e
    beta     DOUBLE NOT NULL,
    tau      DOUBLE NOT NULL,   -- Abstain between 0 and tau; 0 for a vote fitted as binary
    bridge   INTEGER NOT NULL,  -- the vote's bridge group (shared items) within the fit
    PRIMARY KEY (fit_id, vote_id)
);
