-- Reasons a board's moderators pick instead of typing the same words all day. An administrator
-- keeps each board's list; the decision forms offer the reasons of the case's board, in order.
CREATE TABLE canned_reasons (
    board_id    text NOT NULL REFERENCES boards (board_id),
    position    integer NOT NULL,
    reason      text NOT NULL,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (board_id, position)
);

-- Who opened which case, and when last: a case the scan removed may be released in bulk only by
-- a moderator who opened it (a second look at a post scored as near-certain secret).
CREATE TABLE review_case_views (
    case_id    bigint NOT NULL REFERENCES review_cases (case_id),
    viewer     text NOT NULL,
    viewed_at  timestamptz NOT NULL,
    PRIMARY KEY (case_id, viewer)
);
