import { z } from "zod";

export const loginRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ message: "Enter a valid email address" })),
});

/** Tokens are 32 random bytes in base64url: 43 characters. Anything else is not ours. */
export const loginTokenSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
