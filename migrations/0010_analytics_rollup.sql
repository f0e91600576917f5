CREATE TABLE `analytics_days` (
	`clinic_id` text NOT NULL,
	`day` text NOT NULL,
	`therapist_id` text NOT NULL,
	`source_id` text NOT NULL,
	`unattributed` integer NOT NULL,
	`attended` integer NOT NULL,
	`no_show` integer NOT NULL,
	`cancelled` integer NOT NULL,
	`discharged` integer NOT NULL,
	`completed` integer NOT NULL,
	`dropped_out` integer NOT NULL,
	`discharged_visits` integer NOT NULL,
	`messages_sent` integer NOT NULL,
	`messages_answered` integer NOT NULL,
	`survey_answers` integer NOT NULL,
	`promoters` integer NOT NULL,
	`detractors` integer NOT NULL,
	`reviews_asked` integer NOT NULL,
	`reviews_opened` integer NOT NULL,
	PRIMARY KEY(`clinic_id`, `day`, `therapist_id`, `source_id`, `unattributed`),
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `analytics_rollups` (
	`clinic_id` text PRIMARY KEY NOT NULL,
	`rolled_through` text NOT NULL,
	`rolled_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
