-- Every write for a peer must now prove it is that peer. Peers registered before have no
-- secret: they are forgotten, get 404 on their next heartbeat and register again, which
-- issues them one.
DELETE FROM peer;

ALTER TABLE peer ADD COLUMN secret_sha256 BYTEA NOT NULL;
