-- Runs unchanged on H2 (the embedded default) and PostgreSQL.
-- The SHA-256 chaining value where each chunk starts, 32 bytes each, concatenated in chunk
-- order; NULL when no holder gave them (agents before this column send none).
ALTER TABLE tracked_file ADD COLUMN chain_states BYTEA;
