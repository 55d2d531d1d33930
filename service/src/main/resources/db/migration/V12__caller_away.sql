-- A caller whose connection dropped gets a grace to rejoin before the transfer counts a hang-up:
-- a timer of its own, beside the phase's deadline (epoch milliseconds, null when the caller is there).
alter table transfers add column caller_away_until bigint;
