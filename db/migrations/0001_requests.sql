CREATE TYPE "public"."deploy_environment" AS ENUM('dev', 'staging', 'production');--> statement-breakpoint
CREATE TYPE "public"."request_kind" AS ENUM('database', 'namespace', 'environment');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('submitted', 'auto_approved', 'pending_approval', 'approved', 'rejected', 'provisioning', 'ready', 'decommissioning', 'decommissioned', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"from_status" "request_status",
	"to_status" "request_status",
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "request_kind" NOT NULL,
	"team_id" uuid NOT NULL,
	"environment" "deploy_environment" NOT NULL,
	"name" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"status" "request_status" NOT NULL,
	"requested_by" uuid NOT NULL,
	"policy_rule" text NOT NULL,
	"policy_reason" text NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"outputs" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_quotas" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"max_databases" integer NOT NULL,
	"max_namespaces" integer NOT NULL,
	"max_namespace_cpu_millis" integer NOT NULL,
	"max_namespace_memory_mib" integer NOT NULL,
	"max_environments" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_quotas" ADD CONSTRAINT "team_quotas_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_quotas" ADD CONSTRAINT "team_quotas_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "requests_live_name_key" ON "requests" USING btree ("team_id","kind","name") WHERE "requests"."status" not in ('rejected', 'cancelled', 'decommissioned');--> statement-breakpoint
CREATE UNIQUE INDEX "requests_idempotency_key" ON "requests" USING btree ("requested_by","idempotency_key");--> statement-breakpoint
CREATE INDEX "requests_status_created_idx" ON "requests" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "requests_team_created_idx" ON "requests" USING btree ("team_id","created_at","id");