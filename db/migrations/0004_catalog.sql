-- Trigram indexes below need pg_trgm; it is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."catalog_source" AS ENUM('import', 'location', 'request');--> statement-breakpoint
CREATE TABLE "catalog_entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"api_version" text NOT NULL,
	"kind" text NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"description" text,
	"type" text,
	"lifecycle" text,
	"owner_ref" text,
	"system_ref" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"metadata" jsonb NOT NULL,
	"spec" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hash" text NOT NULL,
	"source" "catalog_source" NOT NULL,
	"location_id" uuid,
	"source_file" text,
	"request_id" uuid,
	"orphaned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(title, '')), 'A')
          || setweight(array_to_tsvector(tags), 'B')
          || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')) STORED NOT NULL,
	CONSTRAINT "catalog_entities_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "catalog_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_read_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"entity_count" integer DEFAULT 0 NOT NULL,
	"next_refresh_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	CONSTRAINT "catalog_locations_target_unique" UNIQUE("target")
);
--> statement-breakpoint
CREATE TABLE "catalog_relations" (
	"source_id" uuid NOT NULL,
	"source_ref" text NOT NULL,
	"type" text NOT NULL,
	"target_ref" text NOT NULL,
	CONSTRAINT "catalog_relations_source_id_type_target_ref_pk" PRIMARY KEY("source_id","type","target_ref")
);
--> statement-breakpoint
ALTER TABLE "catalog_entities" ADD CONSTRAINT "catalog_entities_location_id_catalog_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."catalog_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_entities" ADD CONSTRAINT "catalog_entities_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_locations" ADD CONSTRAINT "catalog_locations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_relations" ADD CONSTRAINT "catalog_relations_source_id_catalog_entities_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."catalog_entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_entities_name_idx" ON "catalog_entities" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "catalog_entities_kind_name_idx" ON "catalog_entities" USING btree ("kind","name","id");--> statement-breakpoint
CREATE INDEX "catalog_entities_owner_idx" ON "catalog_entities" USING btree ("owner_ref","name","id");--> statement-breakpoint
CREATE INDEX "catalog_entities_system_idx" ON "catalog_entities" USING btree ("system_ref");--> statement-breakpoint
CREATE INDEX "catalog_entities_type_idx" ON "catalog_entities" USING btree ("type");--> statement-breakpoint
CREATE INDEX "catalog_entities_lifecycle_idx" ON "catalog_entities" USING btree ("lifecycle");--> statement-breakpoint
CREATE INDEX "catalog_entities_location_idx" ON "catalog_entities" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "catalog_entities_request_idx" ON "catalog_entities" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "catalog_entities_tags_idx" ON "catalog_entities" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "catalog_entities_search_idx" ON "catalog_entities" USING gin ("search");--> statement-breakpoint
CREATE INDEX "catalog_entities_name_trgm_idx" ON "catalog_entities" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalog_entities_title_trgm_idx" ON "catalog_entities" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "catalog_locations_due_idx" ON "catalog_locations" USING btree ("next_refresh_at");--> statement-breakpoint
CREATE INDEX "catalog_relations_target_idx" ON "catalog_relations" USING btree ("target_ref","type");