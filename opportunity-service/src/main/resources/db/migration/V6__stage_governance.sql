-- why a deal entered a stage (a Lost/Invalid reason, a reopen's reason) and the in-progress
-- rules a bypassing Lost/Invalid stage waived (JSON array of {name, detail})
alter table stage_history add column reason varchar(500);
alter table stage_history add column waived_rules text;
-- the win rate a move waiting for its approval was asked with (null: the target stage's default)
alter table opportunity add column pending_move_win_rate numeric(5,2);
