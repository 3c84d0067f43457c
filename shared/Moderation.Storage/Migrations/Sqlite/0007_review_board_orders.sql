-- A queue filtered to one board keeps its order in the index for every sort, not only by due time,
-- so "oldest first" or "highest score first" on a board stays one range scan at any depth.
CREATE INDEX review_cases_by_board_age ON review_cases (board_id, status, opened_at, case_id);
CREATE INDEX review_cases_by_board_score ON review_cases (board_id, status, score DESC, case_id);
