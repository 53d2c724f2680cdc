-- 0002: computed outcomes under the Charter's rules, beside the published result;
-- votes whose positions are known only in part (a veto list names the vetoers only).

ALTER TABLE votes ADD COLUMN positions_complete BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE votes ADD COLUMN source_url VARCHAR;   -- the public record a hand entry cites

CREATE TABLE outcomes (
    vote_id             VARCHAR PRIMARY KEY,
    outcome             VARCHAR NOT NULL,   -- adopted | not adopted | vetoed | unknown
    rule                VARCHAR NOT NULL,   -- e.g. '2/3 of present and voting'
    threshold           INTEGER,            -- affirmative votes needed
    margin              INTEGER,            -- affirmative votes minus the threshold
    vetoed_by           VARCHAR[] NOT NULL,
    certain             BOOLEAN NOT NULL,   -- false when the rule or positions leave it open
    basis               VARCHAR NOT NULL,   -- why this rule
    alternative_outcome VARCHAR,            -- under the other reading, when there is one
    alternative_rule    VARCHAR,
    alternative_threshold INTEGER,
    alternative_margin  INTEGER,
    published_outcome   VARCHAR NOT NULL,   -- what the sources say (unknown if none does)
    published_basis     VARCHAR NOT NULL,
    agrees              BOOLEAN             -- NULL when either side is unknown
);
