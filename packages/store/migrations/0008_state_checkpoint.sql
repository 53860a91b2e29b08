-- [ST-28] The state is a checkpoint: the state after event state_seq; until now it was always at last_seq.
ALTER TABLE "meetings" ADD COLUMN "state_seq" integer;--> statement-breakpoint
UPDATE "meetings" SET "state_seq" = "last_seq";--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "state_seq" SET NOT NULL;
