ALTER TABLE "slack_installations" ADD COLUMN "refresh_token" text;--> statement-breakpoint
ALTER TABLE "slack_installations" ADD COLUMN "token_expires_at" bigint;--> statement-breakpoint
ALTER TABLE "slack_installations" ADD COLUMN "removed_at" bigint;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "removed_at" bigint;