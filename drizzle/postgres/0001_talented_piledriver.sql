ALTER TABLE "deliveries" ADD COLUMN "in_flight" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "retry_at" bigint;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "first_failed_at" bigint;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "dm_channel_id" text;--> statement-breakpoint
UPDATE "deliveries" SET "in_flight" = 1 WHERE "status" = 'claimed' AND "attempts" > 0;