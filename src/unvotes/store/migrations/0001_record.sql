-- 0001: the vote record, its countries and its build log.
-- One row per recorded vote; positions are (vote, member state) with Y/N/A/X;
-- a state that was not a member on the day has no row.

CREATE TABLE sources (
    source        VARCHAR PRIMARY KEY,   -- reader id, e.g. 'unxml_dgacm_ga'
    rank          INTEGER NOT NULL,      -- lower = preferred when sources overlap
    publisher     VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    version       VARCHAR,               -- release / snapshot the files are from
    licence       VARCHAR,
    citation      VARCHAR,
    url           VARCHAR,
    official      BOOLEAN NOT NULL,
    lists_complete  BOOLEAN NOT NULL,    -- GA members not listed are non-voting
    records_absence BOOLEAN NOT NULL     -- the source records absent members itself
);

CREATE TABLE votes (
    vote_id           VARCHAR PRIMARY KEY,  -- stable across rebuilds (see build.vote_id)
    body              VARCHAR NOT NULL,     -- GA | SC
    date              DATE,
    year              INTEGER,
    session           VARCHAR,
    meeting           VARCHAR,
    symbol            VARCHAR,              -- resolution symbol (display form)
    symbol_key        VARCHAR,              -- matching key (no spaces/brackets)
    draft_symbol      VARCHAR,
    title             VARCHAR,
    agenda_item       VARCHAR,
    subjects          VARCHAR[],
    committee         VARCHAR,
    sponsors          VARCHAR[],
    issue_codes       VARCHAR[],            -- Voeten's me/nu/di/hr/co/ec
    kind              VARCHAR NOT NULL,     -- resolution | amendment | paragraph | motion | decision | draft resolution
    important         BOOLEAN,              -- US State Department important-vote flag
    rcid              INTEGER,              -- Voeten roll-call id
    published_yes        INTEGER,
    published_no         INTEGER,
    published_abstain    INTEGER,
    published_non_voting INTEGER,
    published_result  VARCHAR,              -- verbatim from the source
    published_source  VARCHAR,              -- the source of the published tally and result
    yes               INTEGER NOT NULL,     -- counted from positions
    no                INTEGER NOT NULL,
    abstain           INTEGER NOT NULL,
    non_voting        INTEGER NOT NULL,
    members           INTEGER,              -- members of the body on the day (GA: UN members)
    source            VARCHAR NOT NULL,     -- the source the positions come from
    sources           VARCHAR[] NOT NULL,   -- every source that has this vote
    undl_link         VARCHAR,
    notes             VARCHAR[]
);

CREATE TABLE positions (
    vote_id   VARCHAR NOT NULL,
    iso3      VARCHAR NOT NULL,
    position  VARCHAR NOT NULL,   -- Y | N | A | X
    source    VARCHAR NOT NULL    -- which source gave this position
);

-- every vote as each source has it, and what the build did with it
CREATE TABLE source_votes (
    source      VARCHAR NOT NULL,
    source_key  VARCHAR NOT NULL,
    vote_id     VARCHAR,            -- NULL when not used in the record
    role        VARCHAR NOT NULL,   -- primary | compared | unmatched
    file        VARCHAR NOT NULL,
    line        INTEGER,
    positions   INTEGER NOT NULL,
    note        VARCHAR
);

-- member-by-member and tally differences between overlapping sources
CREATE TABLE disagreements (
    vote_id     VARCHAR NOT NULL,
    iso3        VARCHAR,            -- NULL for a tally or attribute difference
    field       VARCHAR NOT NULL,   -- position | published_yes | date | ...
    source      VARCHAR NOT NULL,   -- the source the record uses
    value       VARCHAR,
    other_source VARCHAR NOT NULL,
    other_value VARCHAR
);

CREATE TABLE countries (
    iso3            VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    official_name   VARCHAR,
    iso2            VARCHAR,
    m49             INTEGER,
    cow             INTEGER,
    admitted        DATE,
    "left"          DATE,
    regional_group  VARCHAR,
    member          BOOLEAN NOT NULL,
    predecessors    VARCHAR[],
    successors      VARCHAR[],
    note            VARCHAR
);

CREATE TABLE country_names (
    iso3   VARCHAR NOT NULL,
    name   VARCHAR NOT NULL,
    kind   VARCHAR NOT NULL,
    start  DATE,
    "end"  DATE
);

CREATE TABLE memberships (
    iso3   VARCHAR NOT NULL,
    start  DATE NOT NULL,
    "end"  DATE
);

CREATE TABLE group_memberships (
    group_name VARCHAR NOT NULL,
    iso3       VARCHAR NOT NULL,
    start      DATE,
    "end"      DATE,
    source     VARCHAR
);

-- the Security Council veto list (vetoing members only), kept for the rules
CREATE TABLE veto_list (
    date          DATE,
    draft_symbol  VARCHAR,
    meeting       VARCHAR,
    agenda_item   VARCHAR,
    vetoed_by     VARCHAR[],
    file          VARCHAR,
    line          INTEGER
);

CREATE TABLE builds (
    build_id     INTEGER PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    unvotes_version VARCHAR NOT NULL,
    data_dir     VARCHAR NOT NULL,
    votes        INTEGER,
    positions    INTEGER
);

CREATE TABLE build_sources (
    build_id   INTEGER NOT NULL,
    source     VARCHAR NOT NULL,
    files      VARCHAR[],
    sha256     VARCHAR[],
    votes_read INTEGER NOT NULL,
    positions_read INTEGER NOT NULL,
    votes_primary INTEGER NOT NULL,   -- votes whose positions come from this source
    positions_used INTEGER NOT NULL,
    seconds    DOUBLE
);
