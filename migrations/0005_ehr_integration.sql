CREATE TABLE `ehr_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`delivery_key` text NOT NULL,
	`format` text NOT NULL,
	`content_type` text NOT NULL,
	`body` text NOT NULL,
	`body_hash` text NOT NULL,
	`summary` text NOT NULL,
	`status` text DEFAULT 'accepted' NOT NULL,
	`reason` text,
	`outcome` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ehr_deliveries_key_unique` ON `ehr_deliveries` (`integration_id`,`delivery_key`);--> statement-breakpoint
CREATE INDEX `ehr_deliveries_clinic_idx` ON `ehr_deliveries` (`clinic_id`,`integration_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `ehr_links` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`resource_type` text NOT NULL,
	`external_id` text NOT NULL,
	`local_type` text NOT NULL,
	`local_id` text NOT NULL,
	`version_id` text,
	`last_updated` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ehr_links_external_unique` ON `ehr_links` (`integration_id`,`resource_type`,`external_id`);--> statement-breakpoint
CREATE INDEX `ehr_links_local_idx` ON `ehr_links` (`clinic_id`,`local_type`,`local_id`);--> statement-breakpoint
CREATE TABLE `ehr_practitioners` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`name` text NOT NULL,
	`npi` text,
	`email` text,
	`phone` text,
	`staff_user_id` text,
	`referral_source_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referral_source_id`) REFERENCES `referral_sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ehr_practitioners_clinic_npi_idx` ON `ehr_practitioners` (`clinic_id`,`npi`);--> statement-breakpoint
CREATE TABLE `coverages` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`payer` text NOT NULL,
	`member_id` text,
	`status` text NOT NULL,
	`period_start` text,
	`period_end` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coverages_clinic_patient_idx` ON `coverages` (`clinic_id`,`patient_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`integration_id` text,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_clinic_idx` ON `api_keys` (`clinic_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`signature_scheme` text NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_secret_expires_at` integer,
	`delivery_url` text,
	`subscribed_events` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `integrations_clinic_idx` ON `integrations` (`clinic_id`,`name`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`integration_id` text NOT NULL,
	`event_type` text NOT NULL,
	`source_event_id` text NOT NULL,
	`patient_id` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`last_attempt_at` integer,
	`delivered_at` integer,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_source_unique` ON `webhook_deliveries` (`integration_id`,`source_event_id`,`event_type`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_clinic_idx` ON `webhook_deliveries` (`clinic_id`,`integration_id`,`created_at`);