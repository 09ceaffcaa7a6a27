CREATE TABLE "catalog_state" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "catalog_state_one_row" CHECK ("catalog_state"."id")
);
--> statement-breakpoint
-- Every statement that writes entities bumps the counter, whoever runs it (import, location read, request, seed, cascade).
CREATE FUNCTION "catalog_entities_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "catalog_state" ("id", "version") VALUES (true, 1)
    ON CONFLICT ("id") DO UPDATE SET "version" = "catalog_state"."version" + 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "catalog_entities_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "catalog_entities"
  FOR EACH STATEMENT EXECUTE FUNCTION "catalog_entities_changed"();
