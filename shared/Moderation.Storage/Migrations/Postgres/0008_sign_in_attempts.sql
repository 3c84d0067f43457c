-- Failed sign-ins are counted per user name as typed and per client address, whether or not an
-- account has that name: an unknown name and a real one are throttled alike (nothing to learn from
-- the answer), and failures from one address never lock the account's owner out elsewhere.
CREATE TABLE sign_in_attempts (
    user_key         text NOT NULL,
    source           text NOT NULL,
    failures         integer NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    blocked_until    timestamptz NULL,
    PRIMARY KEY (user_key, source)
);

CREATE INDEX sign_in_attempts_by_age ON sign_in_attempts (last_failure_at);

-- The account-wide lockout these columns kept let anyone lock a known account with a few requests.
ALTER TABLE accounts DROP COLUMN failed_sign_ins;
ALTER TABLE accounts DROP COLUMN locked_until;
