CREATE TABLE "follow_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"meeting_id" text NOT NULL,
	"text" text NOT NULL,
	"owner_role" text NOT NULL,
	"review_date" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "status" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_text_nl" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_text_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_nl" "tsvector" GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, search_text_nl)) STORED;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "search_en" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_text_en)) STORED;--> statement-breakpoint
CREATE INDEX "follow_ups_programme_idx" ON "follow_ups" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_search_nl_idx" ON "cases" USING gin ("search_nl");--> statement-breakpoint
CREATE INDEX "cases_search_en_idx" ON "cases" USING gin ("search_en");