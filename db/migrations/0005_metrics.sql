CREATE TYPE "public"."dora_deployment_status" AS ENUM('success', 'failure');--> statement-breakpoint
CREATE TYPE "public"."dora_event_source" AS ENUM('api', 'github', 'demo');--> statement-breakpoint
CREATE TABLE "dora_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"sha" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"merged_at" timestamp with time zone,
	"source" "dora_event_source" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_deployment_commits" (
	"deployment_id" text NOT NULL,
	"service" text NOT NULL,
	"sha" text NOT NULL,
	CONSTRAINT "dora_deployment_commits_deployment_id_sha_pk" PRIMARY KEY("deployment_id","sha")
);
--> statement-breakpoint
CREATE TABLE "dora_deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"status" "dora_deployment_status" NOT NULL,
	"deployed_at" timestamp with time zone NOT NULL,
	"commit_count" integer DEFAULT 0 NOT NULL,
	"caused_incident" boolean DEFAULT false NOT NULL,
	"source" "dora_event_source" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"cause_sha" text,
	"source" "dora_event_source" NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dora_lead_time_daily" (
	"environment" text NOT NULL,
	"day" date NOT NULL,
	"bucket" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "dora_lead_time_daily_environment_day_bucket_pk" PRIMARY KEY("environment","day","bucket")
);
--> statement-breakpoint
CREATE TABLE "dora_lead_times" (
	"environment" text NOT NULL,
	"service" text NOT NULL,
	"sha" text NOT NULL,
	"deployment_id" text NOT NULL,
	"deployed_at" timestamp with time zone NOT NULL,
	"lead_seconds" double precision NOT NULL,
	"bucket" smallint NOT NULL,
	CONSTRAINT "dora_lead_times_environment_service_sha_pk" PRIMARY KEY("environment","service","sha")
);
--> statement-breakpoint
CREATE TABLE "dora_services" (
	"name" text PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dora_deployment_commits" ADD CONSTRAINT "dora_deployment_commits_deployment_id_dora_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."dora_deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dora_changes_sha_idx" ON "dora_changes" USING btree ("service","sha","committed_at");--> statement-breakpoint
CREATE INDEX "dora_changes_service_time_idx" ON "dora_changes" USING btree ("service","committed_at");--> statement-breakpoint
CREATE INDEX "dora_deployment_commits_sha_idx" ON "dora_deployment_commits" USING btree ("service","sha","deployment_id");--> statement-breakpoint
CREATE INDEX "dora_deployments_env_time_idx" ON "dora_deployments" USING btree ("environment","deployed_at","service","caused_incident") WHERE status = 'success';--> statement-breakpoint
CREATE INDEX "dora_deployments_env_service_time_idx" ON "dora_deployments" USING btree ("environment","service","deployed_at","caused_incident") WHERE status = 'success';--> statement-breakpoint
CREATE INDEX "dora_incidents_resolved_idx" ON "dora_incidents" USING btree ("resolved_at","service","opened_at") WHERE resolved_at is not null;--> statement-breakpoint
CREATE INDEX "dora_incidents_service_resolved_idx" ON "dora_incidents" USING btree ("service","resolved_at","opened_at") WHERE resolved_at is not null;--> statement-breakpoint
CREATE INDEX "dora_incidents_cause_idx" ON "dora_incidents" USING btree ("service","cause_sha") WHERE cause_sha is not null;--> statement-breakpoint
CREATE INDEX "dora_lead_times_bucket_idx" ON "dora_lead_times" USING btree ("environment","bucket","deployed_at","lead_seconds");--> statement-breakpoint
CREATE INDEX "dora_lead_times_service_idx" ON "dora_lead_times" USING btree ("environment","service","deployed_at","bucket","lead_seconds");--> statement-breakpoint
CREATE INDEX "dora_lead_times_deployment_idx" ON "dora_lead_times" USING btree ("deployment_id");