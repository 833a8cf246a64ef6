CREATE TABLE "academies" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "academies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL,
	"password_hash" text,
	"provisional_password" text,
	"provisional_valid_from" timestamp with time zone,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"email_owned_by_person" boolean DEFAULT false NOT NULL,
	"mobile" text,
	"state" text NOT NULL,
	"origin" text NOT NULL,
	"distributed_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_identifier_lower" CHECK ("accounts"."identifier" = lower("accounts"."identifier"))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"account_id" uuid,
	"establishment_id" integer,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"establishment_id" integer NOT NULL,
	"label" text NOT NULL,
	"gone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "establishments" (
	"id" serial PRIMARY KEY NOT NULL,
	"academy_id" integer NOT NULL,
	"uai" text NOT NULL,
	"name" text NOT NULL,
	"city" text,
	"kind" text NOT NULL,
	"degree" text NOT NULL,
	"sector" text NOT NULL,
	"source_key" text,
	"gone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "establishments_uai_unique" UNIQUE("uai"),
	CONSTRAINT "establishments_source_key_unique" UNIQUE("source_key"),
	CONSTRAINT "establishments_uai_format" CHECK ("establishments"."uai" ~ '^[0-9]{7}[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "guardian_students" (
	"guardian_id" integer NOT NULL,
	"student_id" integer NOT NULL,
	"legal_responsibility" boolean NOT NULL,
	"relation" text,
	CONSTRAINT "guardian_students_guardian_id_student_id_pk" PRIMARY KEY("guardian_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "guardians" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_key" text,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"email" text,
	"mobile" text,
	"address" text,
	"account_id" uuid,
	"gone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardians_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "levels" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"degree" text NOT NULL,
	"rank" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "levels_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" serial PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"email" text,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_login_unique" UNIQUE("login")
);
--> statement-breakpoint
CREATE TABLE "staff_establishments" (
	"staff_id" integer NOT NULL,
	"establishment_id" integer NOT NULL,
	CONSTRAINT "staff_establishments_staff_id_establishment_id_pk" PRIMARY KEY("staff_id","establishment_id")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" serial PRIMARY KEY NOT NULL,
	"ine" text,
	"source_key" text,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"establishment_id" integer NOT NULL,
	"class_id" integer,
	"level_id" integer,
	"definitively_admitted" boolean DEFAULT true NOT NULL,
	"account_id" uuid,
	"gone_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "students_ine_unique" UNIQUE("ine"),
	CONSTRAINT "students_source_key_unique" UNIQUE("source_key"),
	CONSTRAINT "students_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
ALTER TABLE "classes" ADD CONSTRAINT "classes_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "establishments" ADD CONSTRAINT "establishments_academy_id_academies_id_fk" FOREIGN KEY ("academy_id") REFERENCES "public"."academies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_students" ADD CONSTRAINT "guardian_students_guardian_id_guardians_id_fk" FOREIGN KEY ("guardian_id") REFERENCES "public"."guardians"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardian_students" ADD CONSTRAINT "guardian_students_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_establishments" ADD CONSTRAINT "staff_establishments_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_establishments" ADD CONSTRAINT "staff_establishments_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_establishment_id_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."establishments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_level_id_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_identifier" ON "accounts" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "accounts_state" ON "accounts" USING btree ("state");--> statement-breakpoint
CREATE INDEX "audit_events_account" ON "audit_events" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_at" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "classes_establishment_label" ON "classes" USING btree ("establishment_id","label");--> statement-breakpoint
CREATE INDEX "guardian_students_student" ON "guardian_students" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "guardians_account" ON "guardians" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "guardians_mobile" ON "guardians" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "students_establishment" ON "students" USING btree ("establishment_id");--> statement-breakpoint
CREATE INDEX "students_class" ON "students" USING btree ("class_id");