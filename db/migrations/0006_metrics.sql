DROP INDEX "dora_lead_times_deployment_idx";--> statement-breakpoint
ALTER TABLE "dora_services" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "dora_lead_times_time_idx" ON "dora_lead_times" USING btree ("environment","deployed_at","bucket","lead_seconds","deployment_id");