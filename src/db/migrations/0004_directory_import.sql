CREATE TABLE "import_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"mode" text NOT NULL,
	"export_date" date,
	"type" text,
	"status" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_seen" (
	"run_id" integer NOT NULL,
	"kind" text NOT NULL,
	"source_key" text NOT NULL,
	CONSTRAINT "import_seen_run_id_kind_source_key_pk" PRIMARY KEY("run_id","kind","source_key")
);
--> statement-breakpoint
ALTER TABLE "staff" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "unqualified_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "gone_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_seen" ADD CONSTRAINT "import_seen_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_files_run" ON "import_files" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "import_files_name" ON "import_files" USING btree ("name","sha256");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_source_key_unique" UNIQUE("source_key");