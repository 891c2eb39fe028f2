-- One row per Gatehouse user, keyed by the user's id (the access token's `sub`).
CREATE TABLE "public"."user" (
  "id" text NOT NULL,
  "name" text,
  "bio" text,
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
