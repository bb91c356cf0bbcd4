-- Access control (issue 15): users that can log in, API tokens kept only as hashes, and an audit log
-- that can only be appended to.

-- Users: the role names of the API (on-call, finance, admin); throttling and login bookkeeping.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
UPDATE users SET role = 'on-call' WHERE role = 'oncall';
UPDATE users SET role = 'finance' WHERE role = 'viewer';
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('on-call', 'finance', 'admin'));
ALTER TABLE users ALTER COLUMN display_name SET DEFAULT '';
ALTER TABLE users ADD COLUMN failed_attempts     integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until        timestamptz;
ALTER TABLE users ADD COLUMN last_login_at       timestamptz;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
COMMENT ON TABLE users IS 'writer: platform (access control); password_hash is BCrypt, never a clear password';

-- API tokens: the token itself is shown once at creation; only its SHA-256 (hex) is kept.
CREATE TABLE api_tokens (
  name          text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
  token_sha256  text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  role          text NOT NULL CHECK (role IN ('on-call', 'finance', 'admin')),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz
);
COMMENT ON TABLE api_tokens IS 'writer: platform (access control)';

-- Audit: who (authenticated actor, its kind and role), from where, and how it ended.
ALTER TABLE audit_log ADD COLUMN actor_kind     text NOT NULL DEFAULT 'system';
ALTER TABLE audit_log ADD COLUMN role           text;
ALTER TABLE audit_log ADD COLUMN source_address text;
ALTER TABLE audit_log ADD COLUMN outcome        text NOT NULL DEFAULT 'ok';
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC);

-- Append-only. A trigger refuses UPDATE, DELETE and TRUNCATE for every role that is not a superuser
-- bypassing triggers; REVOKE takes the privileges from PUBLIC. The table owner (and a superuser, which the
-- embedded database connects as) could still drop the trigger: run the application as a role that does not
-- own the schema for the guarantee to hold against the application itself.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
