-- Credentials. Only SHA-256 hashes of the secrets are stored: the secrets are 192
-- random bits, so a fast hash is enough, and a stolen table gives nothing away.

-- Write keys: one per source (a website, a call-center system, a till network, an ESP).
CREATE TABLE source_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('web', 'call_center', 'pos', 'email')),
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- API tokens for the query API and admin endpoints, each with one role.
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('reader', 'pii_reader', 'admin')),
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
