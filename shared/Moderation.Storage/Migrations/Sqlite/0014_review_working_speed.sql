-- Canned reasons per board and who opened which case (see the PostgreSQL migration of the same number).
CREATE TABLE canned_reasons (
    board_id    text NOT NULL REFERENCES boards (board_id),
    position    integer NOT NULL,
    reason      text NOT NULL,
    updated_by  text NOT NULL,
    updated_at  text NOT NULL,
    PRIMARY KEY (board_id, position)
);

CREATE TABLE review_case_views (
    case_id    integer NOT NULL REFERENCES review_cases (case_id),
    viewer     text NOT NULL,
    viewed_at  text NOT NULL,
    PRIMARY KEY (case_id, viewer)
);
