-- The posts of each review case, with what a moderator needs to judge them until the case is
-- decided: the masked excerpt around the matches, the matched categories, the title and author, the
-- post's fingerprint computed at scan time (a removed post's text is purged after the report's
-- hand-off, often before anyone reviews it). A case's first post is here too; a near-identical
-- repost on the same board joins the open case of its group instead of opening one, and the
-- decision applies to every post listed. Title and excerpt are erased at the decision (Release or
-- Confirm), the fingerprint at a Release (a Confirm registers it as a protected document).
CREATE TABLE case_posts (
    case_id           bigint NOT NULL REFERENCES review_cases (case_id),
    board_id          text NOT NULL,
    post_id           text NOT NULL,
    revision          integer NOT NULL,
    scan_id           bigint NOT NULL REFERENCES scans (scan_id),
    action            text NOT NULL,
    author_id         text NOT NULL,
    title             text NULL,
    masked_excerpt    text NULL,
    categories        text NOT NULL DEFAULT '',
    sim_hash          bigint NULL,
    fingerprint_json  text NULL,
    joined_at         timestamptz NOT NULL,
    PRIMARY KEY (case_id, board_id, post_id, revision)
);
CREATE UNIQUE INDEX case_posts_by_post ON case_posts (board_id, post_id, revision);
-- A new case looks for an open case of its group on its board among these.
CREATE INDEX case_posts_by_board_hash ON case_posts (board_id, case_id) WHERE sim_hash IS NOT NULL;
-- The case page lists the author's earlier posts on the board.
CREATE INDEX posts_by_author ON posts (board_id, author_id, received_at);

-- Cases opened before this table: their post as the only one, with what is left of it.
INSERT INTO case_posts (case_id, board_id, post_id, revision, scan_id, action, author_id, title, categories, joined_at)
SELECT c.case_id, c.board_id, c.post_id, c.revision, c.scan_id, s.action, p.author_id,
       CASE WHEN c.status IN ('Open', 'Escalated') THEN p.title END, COALESCE(c.category, ''), c.opened_at
  FROM review_cases c
  JOIN scans s ON s.scan_id = c.scan_id
  JOIN posts p ON p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision;
