CREATE TYPE "public"."change_status" AS ENUM('pending_approval', 'approved', 'applying', 'applied', 'rejected', 'failed', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."job_action" ADD VALUE 'change';--> statement-breakpoint
CREATE TABLE "request_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"parameters" jsonb NOT NULL,
	"previous_parameters" jsonb NOT NULL,
	"status" "change_status" NOT NULL,
	"policy_rule" text NOT NULL,
	"policy_reason" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "change_id" uuid;--> statement-breakpoint
ALTER TABLE "request_changes" ADD CONSTRAINT "request_changes_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_changes" ADD CONSTRAINT "request_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_changes" ADD CONSTRAINT "request_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "request_changes_one_open" ON "request_changes" USING btree ("request_id") WHERE "request_changes"."status" in ('pending_approval', 'approved', 'applying');--> statement-breakpoint
CREATE INDEX "request_changes_status_idx" ON "request_changes" USING btree ("status","created_at");