CREATE TABLE `journey_projections` (
	`patient_id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`stage` text NOT NULL,
	`since` integer NOT NULL,
	`next_touch_at` integer,
	`last_contact_at` integer,
	`last_inbound_at` integer,
	`risk_band` text,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `journey_projections_clinic_stage_idx` ON `journey_projections` (`clinic_id`,`stage`);--> statement-breakpoint
CREATE TABLE `inbound_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`purpose` text NOT NULL,
	`language` text NOT NULL,
	`channel` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_templates_unique` ON `message_templates` (`clinic_id`,`purpose`,`language`,`channel`);--> statement-breakpoint
CREATE TABLE `message_threads` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`status` text NOT NULL,
	`assignee_id` text,
	`unread_count` integer DEFAULT 0 NOT NULL,
	`last_message_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_threads_patient_unique` ON `message_threads` (`clinic_id`,`patient_id`);--> statement-breakpoint
CREATE INDEX `message_threads_clinic_idx` ON `message_threads` (`clinic_id`,`status`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`direction` text NOT NULL,
	`channel` text NOT NULL,
	`category` text NOT NULL,
	`purpose` text,
	`dedupe_key` text,
	`appointment_id` text,
	`to_address` text NOT NULL,
	`from_address` text,
	`subject` text,
	`body` text NOT NULL,
	`segments` integer,
	`status` text NOT NULL,
	`suppressed_reason` text,
	`send_at` integer NOT NULL,
	`provider` text,
	`provider_message_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`intent` text,
	`sent_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_dedupe_unique` ON `messages` (`clinic_id`,`dedupe_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_id_unique` ON `messages` (`provider`,`provider_message_id`);--> statement-breakpoint
CREATE INDEX `messages_clinic_patient_idx` ON `messages` (`clinic_id`,`patient_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_clinic_status_idx` ON `messages` (`clinic_id`,`status`,`send_at`);--> statement-breakpoint
CREATE INDEX `messages_patient_sent_idx` ON `messages` (`patient_id`,`direction`,`category`,`send_at`);--> statement-breakpoint
ALTER TABLE `clinics` ADD `sms_number` text;--> statement-breakpoint
CREATE UNIQUE INDEX `clinics_sms_number_unique` ON `clinics` (`sms_number`);