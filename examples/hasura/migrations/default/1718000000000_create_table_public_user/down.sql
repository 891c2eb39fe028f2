DROP TABLE "public"."user";
