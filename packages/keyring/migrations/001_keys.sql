-- Design for erasure. Personal values in events are encrypted under a per-customer
-- data key; erasing a person deletes that key (crypto-shredding). Every key here is
-- stored wrapped (AES-256-GCM under the master key, which never enters the database).

-- Keys of the platform itself, e.g. the identifier-hash key behind reservation stream names.
CREATE TABLE keyring_platform_keys (
  name text PRIMARY KEY,
  wrapped_key bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One data key per customer. Erasure nulls the key and keeps the row as a tombstone,
-- so the key is never created again and old ciphertexts stay unreadable.
CREATE TABLE keyring_keys (
  customer_id text PRIMARY KEY,
  key_id text NOT NULL,
  wrapped_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);
