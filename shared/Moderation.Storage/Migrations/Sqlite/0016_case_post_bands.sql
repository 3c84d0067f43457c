-- A new case looks for an open case of its group on its board (CasePosts.FindOpenGroupAsync): one
-- with a post whose SimHash is within six bits of the new post's. It read every open case's hash on
-- the board, so each held post cost more the longer the queue grew. Now a hash is cut into seven
-- bands (bits 0-9, then nine bits each from 10, 19, 28, 37, 46 and 55): two hashes within six bits
-- of each other agree on at least one whole band, as six differing bits touch at most six bands.
-- Each band is a key (band number * 1024 + its bits, SimHashBands), and the candidates are the
-- posts sharing a key, found by index. A decided case's rows are deleted with its evidence.
-- Safe to run again (StorageContract runs it again to check its keys against SimHashBands).
CREATE TABLE IF NOT EXISTS case_post_bands (
    board_id  text NOT NULL,
    band_key  integer NOT NULL,
    case_id   bigint NOT NULL REFERENCES review_cases (case_id),
    sim_hash  bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS case_post_bands_by_key ON case_post_bands (board_id, band_key);
CREATE INDEX IF NOT EXISTS case_post_bands_by_case ON case_post_bands (case_id);

INSERT INTO case_post_bands (board_id, band_key, case_id, sim_hash)
SELECT cp.board_id, b.band * 1024 + ((cp.sim_hash >> b.shift) & b.mask), cp.case_id, cp.sim_hash
  FROM case_posts cp
  JOIN review_cases c ON c.case_id = cp.case_id
 CROSS JOIN (SELECT 0 AS band, 0 AS shift, 1023 AS mask
             UNION ALL SELECT 1, 10, 511 UNION ALL SELECT 2, 19, 511 UNION ALL SELECT 3, 28, 511
             UNION ALL SELECT 4, 37, 511 UNION ALL SELECT 5, 46, 511 UNION ALL SELECT 6, 55, 511) AS b
 WHERE cp.sim_hash IS NOT NULL AND c.status IN ('Open', 'Escalated')
   AND NOT EXISTS (SELECT 1 FROM case_post_bands e WHERE e.case_id = cp.case_id AND e.sim_hash = cp.sim_hash);
