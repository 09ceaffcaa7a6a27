CREATE TABLE "devex_facts_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"safe_event_id" bigint NOT NULL,
	"seen_event_id" bigint NOT NULL,
	"seen_xmax" bigint NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devex_request_facts" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" "request_kind" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"self_served" boolean NOT NULL,
	"ready_seconds" double precision,
	"approval_seconds" double precision,
	"provisioning_runs" smallint NOT NULL,
	"failed_runs" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devex_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid,
	"team_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devex_round_items" (
	"round_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" smallint NOT NULL,
	"prompt" text NOT NULL,
	"dimension" text,
	"scale_max" smallint NOT NULL,
	CONSTRAINT "devex_round_items_round_id_key_pk" PRIMARY KEY("round_id","key")
);
--> statement-breakpoint
CREATE TABLE "devex_round_teams" (
	"round_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"respondents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "devex_round_teams_round_id_team_id_pk" PRIMARY KEY("round_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "devex_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"min_responses" smallint DEFAULT 5 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devex_rounds_min_responses_check" CHECK ("devex_rounds"."min_responses" >= 3),
	CONSTRAINT "devex_rounds_dates_check" CHECK ("devex_rounds"."closes_at" > "devex_rounds"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "devex_tallies" (
	"round_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"value" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "devex_tallies_round_id_team_id_item_key_value_pk" PRIMARY KEY("round_id","team_id","item_key","value")
);
--> statement-breakpoint
ALTER TABLE "devex_request_facts" ADD CONSTRAINT "devex_request_facts_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_responses" ADD CONSTRAINT "devex_responses_round_id_devex_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."devex_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_responses" ADD CONSTRAINT "devex_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_responses" ADD CONSTRAINT "devex_responses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_round_items" ADD CONSTRAINT "devex_round_items_round_id_devex_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."devex_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_round_teams" ADD CONSTRAINT "devex_round_teams_round_id_devex_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."devex_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_round_teams" ADD CONSTRAINT "devex_round_teams_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_rounds" ADD CONSTRAINT "devex_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_tallies" ADD CONSTRAINT "devex_tallies_round_id_devex_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."devex_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devex_tallies" ADD CONSTRAINT "devex_tallies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devex_request_facts_created_idx" ON "devex_request_facts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "devex_request_facts_team_idx" ON "devex_request_facts" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "devex_responses_one_per_person" ON "devex_responses" USING btree ("round_id","user_id");--> statement-breakpoint
CREATE INDEX "devex_responses_round_team_idx" ON "devex_responses" USING btree ("round_id","team_id");--> statement-breakpoint
CREATE INDEX "devex_round_teams_team_idx" ON "devex_round_teams" USING btree ("team_id","round_id");--> statement-breakpoint
CREATE INDEX "devex_rounds_closes_idx" ON "devex_rounds" USING btree ("closes_at");