-- The admin console's per-user settings. writer: admin-ui.
CREATE TABLE user_preferences (
  username    text PRIMARY KEY,
  theme       text NOT NULL DEFAULT 'light' CHECK (theme IN ('light', 'dark')),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE user_preferences IS 'writer: admin-ui. Theme chosen by each console user.';
