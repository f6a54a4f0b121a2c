-- Who read which customer's data, and whether personal values were served in clear.
-- Written before the response is sent: a read that cannot be logged is not served.
-- No personal values here: the path holds ids only (query strings are left out,
-- since a lookup's query carries an e-mail address or a phone number).
CREATE TABLE api_access_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  token_id text NOT NULL,
  role text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  customer_id text,
  personal boolean NOT NULL
);
CREATE INDEX api_access_log_customer ON api_access_log (customer_id, at);
CREATE INDEX api_access_log_token ON api_access_log (token_id, at);
