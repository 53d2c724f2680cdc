-- 0003: topic tags of votes (Voeten's issue codes where the sources carry them, else the
-- documented classifier of unvotes.topics), one row per vote and topic.

CREATE TABLE vote_topics (
    vote_id  VARCHAR NOT NULL,
    topic    VARCHAR NOT NULL,   -- middle_east | nuclear | disarmament | human_rights |
                                 -- colonialism | development | ukraine
    coded    BOOLEAN NOT NULL    -- true: Voeten's code; false: the classifier's
);
