-- Carrier router and chaos drills (agent-runtime): what a drill run needs to be repeated, judged and,
-- after a crash mid-drill, undone by another process.

-- The test calls a drill places ({"to","from","region","tenant","agent","callsPerSecond","inFlightCalls"})
-- and its low-traffic window as written ("Sun 03:00-05:00 UTC"; window_start/window_end keep the times).
ALTER TABLE drills ADD COLUMN plan jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE drills ADD COLUMN window_spec text;

-- A snapshot of what the run injected and how (sim = carrier-sim fault API, breaker = forced open), so
-- recovery undoes exactly that even if the drill definition was edited since.
ALTER TABLE drill_runs ADD COLUMN target_carrier text;
ALTER TABLE drill_runs ADD COLUMN fault text;
ALTER TABLE drill_runs ADD COLUMN fault_mode text CHECK (fault_mode IN ('sim', 'breaker'));

-- At most one drill runs at a time across every process: two faults at once is an outage, not a drill.
CREATE UNIQUE INDEX drill_runs_one_running_idx ON drill_runs ((true)) WHERE status = 'running';
