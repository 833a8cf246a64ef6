CREATE TABLE "franceconnect_links" (
	"sub" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "franceconnect_links_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
ALTER TABLE "account_sessions" ADD COLUMN "franceconnect_id_token" text;--> statement-breakpoint
ALTER TABLE "franceconnect_links" ADD CONSTRAINT "franceconnect_links_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;