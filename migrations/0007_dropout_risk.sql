CREATE TABLE `risk_current` (
	`clinic_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`score` real NOT NULL,
	`band` text NOT NULL,
	`reasons` text NOT NULL,
	`model_version` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`clinic_id`, `episode_id`),
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_current_band_idx` ON `risk_current` (`clinic_id`,`band`,`score`);--> statement-breakpoint
CREATE TABLE `risk_models` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`version` text NOT NULL,
	`model` text NOT NULL,
	`metrics` text NOT NULL,
	`in_use` integer DEFAULT false NOT NULL,
	`trained_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_models_clinic_idx` ON `risk_models` (`clinic_id`,`trained_at`);--> statement-breakpoint
CREATE TABLE `risk_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`clinic_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`score` real NOT NULL,
	`band` text NOT NULL,
	`reasons` text NOT NULL,
	`features` text NOT NULL,
	`model_version` text NOT NULL,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`clinic_id`) REFERENCES `clinics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_scores_episode_idx` ON `risk_scores` (`clinic_id`,`episode_id`,`computed_at`);