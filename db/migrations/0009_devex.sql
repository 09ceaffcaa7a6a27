CREATE TABLE "devex_active_weeks" (
	"user_id" uuid NOT NULL,
	"week" date NOT NULL,
	CONSTRAINT "devex_active_weeks_user_id_week_pk" PRIMARY KEY("user_id","week")
);
--> statement-breakpoint
ALTER TABLE "devex_facts_state" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "devex_active_weeks" ADD CONSTRAINT "devex_active_weeks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devex_active_weeks_week_idx" ON "devex_active_weeks" USING btree ("week","user_id");--> statement-breakpoint
CREATE INDEX "devex_responses_comments_idx" ON "devex_responses" USING btree ("round_id","team_id") WHERE "devex_responses"."comment" is not null;