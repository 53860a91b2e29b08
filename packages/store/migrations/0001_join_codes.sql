ALTER TABLE "meetings" ADD COLUMN "join_code" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "join_token" text;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_join_code_idx" ON "meetings" USING btree ("join_code");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_join_token_idx" ON "meetings" USING btree ("join_token");